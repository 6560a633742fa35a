// Value -> text, as println shows it (top-level strings raw, nested strings quoted) and as an
// f-string interpolation shows it (strings unquoted at every depth).
import {
  K_NIL, K_BOOL, K_INT, K_FLOAT, K_STR, K_ARRAY, K_TUPLE, K_STRUCT, K_ENUM, K_MAP, K_CLOSURE,
  K_RANGE, K_CLASS, K_CELL, EK_REF, EK_INT, EK_FLOAT,
  kindOf, tidOf, auxOf, descOf, descName, descVariant, descNFields, descFieldName, descFieldKind,
  descShape, slotAddr,
} from './abi';
import { rt_alloc, rt_free } from './mem';
import {
  rt_str_new, rt_str_append, appendLit, appendByte, appendBytes, appendI64, rt_str_append_f64, rt_str_append_bool,
  rt_str_cmp, sdata, slen, utf8Count,
} from './str';
import { alen, elemAddr, aek } from './array';
import { mapDisplay } from './map';

export const M_TOP: i32 = 0;   // println: a top-level string raw
export const M_NESTED: i32 = 1; // inside a container: strings quoted
export const M_FSTR: i32 = 2;   // f-string: strings unquoted everywhere
export const M_DEBUG: i32 = 3;  // `{:?}`: strings quoted and escaped everywhere (Rust's Debug)

/** appends the value at addr of slot kind sk */
export function appendSlot(s: usize, addr: usize, sk: i32, mode: i32): usize {
  if (sk == EK_REF) return appendValue(s, <usize>load<u32>(addr), mode);
  if (sk == EK_INT) return appendI64(s, load<i64>(addr));
  if (sk == EK_FLOAT) return rt_str_append_f64(s, load<f64>(addr));
  return rt_str_append_bool(s, load<i32>(addr));
}

export function appendValue(s: usize, v: usize, mode: i32): usize {
  if (v == 0) return appendLit(s, "nil");
  const k = kindOf(v);
  const inner = mode == M_TOP ? M_NESTED : mode;
  switch (k) {
    case K_NIL: return appendLit(s, "nil");
    case K_BOOL: return rt_str_append_bool(s, load<i32>(v, 8));
    case K_INT: return appendI64(s, load<i64>(v, 8));
    case K_FLOAT: return rt_str_append_f64(s, load<f64>(v, 8));
    case K_STR: {
      if (mode == M_DEBUG) return appendEscaped(s, v);
      if (mode != M_NESTED) return rt_str_append(s, v);
      s = appendByte(s, 34);
      s = rt_str_append(s, v);
      return appendByte(s, 34);
    }
    case K_ARRAY: {
      s = appendByte(s, 91);
      const n = alen(v), ek = aek(v);
      for (let i = 0; i < n; i++) {
        if (i > 0) s = appendLit(s, ", ");
        s = appendSlot(s, elemAddr(v, i), ek, inner);
      }
      return appendByte(s, 93);
    }
    case K_TUPLE: return appendPositional(s, v, inner);
    case K_STRUCT:
    case K_CLASS: return appendFields(s, v, inner, true);
    case K_ENUM: {
      const d = descOf(tidOf(v));
      s = rt_str_append(s, descVariant(d));
      const shape = descShape(d);
      if (shape == 1 && descNFields(d) > 0) return appendPositional(s, v, inner);
      if (shape == 2) return appendFields(s, v, inner, false);
      return s;
    }
    case K_MAP: return mapDisplay(s, v, inner);
    case K_CLOSURE: return appendLit(s, "<function>");
    case K_RANGE: {
      // an open side shows as nil (the reference keeps nil as the missing bound)
      const f = load<i32>(v, 24);
      s = (f & 2) != 0 ? appendLit(s, "nil") : appendI64(s, load<i64>(v, 8));
      s = appendLit(s, (f & 1) != 0 ? "..=" : "..");
      return (f & 4) != 0 ? appendLit(s, "nil") : appendI64(s, load<i64>(v, 16));
    }
    case K_CELL: return appendSlot(s, v + 8, auxOf(v), mode);
  }
  return appendLit(s, "<?>");
}

/** "text" with Rust's Debug escapes: \" \\ \n \r \t \0, other control characters as \u{..} */
function appendEscaped(s: usize, v: usize): usize {
  s = appendByte(s, 34);
  const p = sdata(v), n = slen(v);
  let from = 0;
  for (let i = 0; i < n; i++) {
    const c = <i32>load<u8>(p + <usize>i);
    if (c >= 0x20 && c != 34 && c != 92 && c != 0x7f) continue;
    s = appendBytes(s, p + <usize>from, i - from, utf8Count(p + <usize>from, i - from));
    from = i + 1;
    if (c == 34) s = appendLit(s, "\\\"");
    else if (c == 92) s = appendLit(s, "\\\\");
    else if (c == 10) s = appendLit(s, "\\n");
    else if (c == 13) s = appendLit(s, "\\r");
    else if (c == 9) s = appendLit(s, "\\t");
    else if (c == 0) s = appendLit(s, "\\0");
    else {
      s = appendLit(s, "\\u{");
      if (c >= 16) s = appendByte(s, 48 + (c >> 4)); // c < 0x80: the high digit is 1..7
      s = appendByte(s, 48 + (c & 15) + ((c & 15) > 9 ? 39 : 0));
      s = appendByte(s, 125);
    }
  }
  s = appendBytes(s, p + <usize>from, n - from, utf8Count(p + <usize>from, n - from));
  return appendByte(s, 34);
}

/** (a, b, c) from the slots of an object */
function appendPositional(s: usize, v: usize, mode: i32): usize {
  const d = descOf(tidOf(v));
  const n = descNFields(d);
  s = appendByte(s, 40);
  for (let i = 0; i < n; i++) {
    if (i > 0) s = appendLit(s, ", ");
    s = appendSlot(s, slotAddr(v, i), descFieldKind(d, i), mode);
  }
  return appendByte(s, 41);
}

/** ` {a: 1, b: 2}` fields sorted by name, after the type name when withName */
function appendFields(s: usize, v: usize, mode: i32, withName: bool): usize {
  const d = descOf(tidOf(v));
  const n = descNFields(d);
  if (withName && descName(d) != 0) s = rt_str_append(s, descName(d));
  s = appendLit(s, " {");
  const order = rt_alloc((n > 0 ? <usize>n : <usize>1) << 2);
  for (let i = 0; i < n; i++) {
    // insertion sort of field indices by name
    let j = i;
    while (j > 0 && rt_str_cmp(descFieldName(d, load<i32>(order + (<usize>(j - 1) << 2))), descFieldName(d, i)) > 0) {
      store<i32>(order + (<usize>j << 2), load<i32>(order + (<usize>(j - 1) << 2)));
      j--;
    }
    store<i32>(order + (<usize>j << 2), i);
  }
  for (let k = 0; k < n; k++) {
    const i = load<i32>(order + (<usize>k << 2));
    if (k > 0) s = appendLit(s, ", ");
    s = rt_str_append(s, descFieldName(d, i));
    s = appendLit(s, ": ");
    s = appendSlot(s, slotAddr(v, i), descFieldKind(d, i), mode);
  }
  rt_free(order);
  return appendByte(s, 125);
}

/** the value as println shows it (a top-level string raw) */
export function rt_str_append_display(s: usize, v: usize): usize { return appendValue(s, v, M_TOP); }
/** the value as an f-string interpolation shows it */
export function rt_str_append_fdisplay(s: usize, v: usize): usize { return appendValue(s, v, M_FSTR); }
/** the value with strings quoted (also at top level) */
export function appendDebug(s: usize, v: usize): usize { return appendValue(s, v, M_NESTED); }

export function rt_display(v: usize): usize { return appendValue(rt_str_new(16), v, M_TOP); }
export function rt_debug(v: usize): usize { return appendValue(rt_str_new(16), v, M_NESTED); }
