// Deep structural equality and a total order (for sort, min, max, <).
import {
  K_NIL, K_BOOL, K_INT, K_FLOAT, K_STR, K_ARRAY, K_TUPLE, K_STRUCT, K_ENUM, K_MAP, K_CLOSURE,
  K_RANGE, K_CLASS, K_CELL, EK_REF, EK_INT, EK_FLOAT,
  kindOf, tidOf, auxOf, descOf, descNFields, descFieldKind, descVariantIndex, descEnumId, slotAddr,
} from './abi';
import { rt_str_eq, rt_str_cmp } from './str';
import { alen, elemAddr, aek } from './array';
import { mapEq } from './map';
import { boxAt } from './box';
import { rt_release } from './rc';

@inline function isNum(k: i32): bool { return k == K_INT || k == K_FLOAT; }
@inline function numOf(v: usize): f64 {
  return kindOf(v) == K_INT ? <f64>load<i64>(v, 8) : load<f64>(v, 8);
}

/** equality of two slots / elements of kinds ka, kb */
export function slotEq(pa: usize, ka: i32, pb: usize, kb: i32): bool {
  if (ka == EK_REF && kb == EK_REF) return rt_eq(<usize>load<u32>(pa), <usize>load<u32>(pb)) != 0;
  if (ka == kb) {
    if (ka == EK_INT) return load<i64>(pa) == load<i64>(pb);
    if (ka == EK_FLOAT) return load<f64>(pa) == load<f64>(pb);
    return load<i32>(pa) == load<i32>(pb);
  }
  const x = boxAt(pa, ka), y = boxAt(pb, kb);
  const r = rt_eq(x, y);
  rt_release(x);
  rt_release(y);
  return r != 0;
}

export function slotCmp(pa: usize, ka: i32, pb: usize, kb: i32): i32 {
  if (ka == EK_REF && kb == EK_REF) return rt_cmp(<usize>load<u32>(pa), <usize>load<u32>(pb));
  if (ka == kb) {
    if (ka == EK_INT) { const x = load<i64>(pa), y = load<i64>(pb); return x < y ? -1 : x > y ? 1 : 0; }
    if (ka == EK_FLOAT) { const x = load<f64>(pa), y = load<f64>(pb); return x < y ? -1 : x > y ? 1 : 0; }
    const x = load<i32>(pa), y = load<i32>(pb);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = boxAt(pa, ka), y = boxAt(pb, kb);
  const r = rt_cmp(x, y);
  rt_release(x);
  rt_release(y);
  return r;
}

function objEq(a: usize, b: usize): bool {
  if (tidOf(a) != tidOf(b)) return false;
  const d = descOf(tidOf(a));
  const n = descNFields(d);
  for (let i = 0; i < n; i++) {
    const k = descFieldKind(d, i);
    if (!slotEq(slotAddr(a, i), k, slotAddr(b, i), k)) return false;
  }
  return true;
}

function tupleEq(a: usize, b: usize): bool {
  const da = descOf(tidOf(a)), db = descOf(tidOf(b));
  const n = descNFields(da);
  if (n != descNFields(db)) return false;
  for (let i = 0; i < n; i++) {
    if (!slotEq(slotAddr(a, i), descFieldKind(da, i), slotAddr(b, i), descFieldKind(db, i))) return false;
  }
  return true;
}

function arrEq(a: usize, b: usize): bool {
  const n = alen(a);
  if (n != alen(b)) return false;
  const ka = aek(a), kb = aek(b);
  for (let i = 0; i < n; i++) {
    if (!slotEq(elemAddr(a, i), ka, elemAddr(b, i), kb)) return false;
  }
  return true;
}

/** deep structural equality; 1 == 1.0 */
export function rt_eq(a: usize, b: usize): i32 {
  if (a == b) return 1;
  if (a == 0 || b == 0) return 0;
  const ka = kindOf(a), kb = kindOf(b);
  if (ka != kb) {
    if (isNum(ka) && isNum(kb)) return numOf(a) == numOf(b) ? 1 : 0;
    return 0;
  }
  switch (ka) {
    case K_NIL: return 1;
    case K_BOOL: return load<i32>(a, 8) == load<i32>(b, 8) ? 1 : 0;
    case K_INT: return load<i64>(a, 8) == load<i64>(b, 8) ? 1 : 0;
    case K_FLOAT: return load<f64>(a, 8) == load<f64>(b, 8) ? 1 : 0;
    case K_STR: return rt_str_eq(a, b);
    case K_ARRAY: return arrEq(a, b) ? 1 : 0;
    case K_TUPLE: return tupleEq(a, b) ? 1 : 0;
    case K_STRUCT:
    case K_ENUM: return objEq(a, b) ? 1 : 0;
    case K_CLASS: return 0; // shared instances: identity (a == b handled above)
    case K_MAP: return mapEq(a, b) ? 1 : 0;
    case K_RANGE:
      return load<i64>(a, 8) == load<i64>(b, 8) && load<i64>(a, 16) == load<i64>(b, 16) &&
        load<i32>(a, 24) == load<i32>(b, 24) ? 1 : 0;
    case K_CELL: return slotEq(a + 8, auxOf(a), b + 8, auxOf(b)) ? 1 : 0;
  }
  return 0;
}

export function rt_ne(a: usize, b: usize): i32 { return rt_eq(a, b) ^ 1; }

/** rank of kinds across types: nil < bool < numbers < str < everything else by kind */
function rank(k: i32): i32 {
  if (k == K_NIL) return 0;
  if (k == K_BOOL) return 1;
  if (k == K_INT || k == K_FLOAT) return 2;
  return k + 10;
}

function objCmp(a: usize, b: usize): i32 {
  const da = descOf(tidOf(a)), db = descOf(tidOf(b));
  if (kindOf(a) == K_ENUM) {
    const ea = descEnumId(da), eb = descEnumId(db);
    if (ea != eb) return ea < eb ? -1 : 1;
    const va = descVariantIndex(da), vb = descVariantIndex(db);
    if (va != vb) return va < vb ? -1 : 1;
  } else if (tidOf(a) != tidOf(b) && kindOf(a) != K_TUPLE) {
    return tidOf(a) < tidOf(b) ? -1 : 1;
  }
  const na = descNFields(da), nb = descNFields(db);
  const n = na < nb ? na : nb;
  for (let i = 0; i < n; i++) {
    const c = slotCmp(slotAddr(a, i), descFieldKind(da, i), slotAddr(b, i), descFieldKind(db, i));
    if (c != 0) return c;
  }
  return na < nb ? -1 : na > nb ? 1 : 0;
}

function arrCmp(a: usize, b: usize): i32 {
  const na = alen(a), nb = alen(b);
  const n = na < nb ? na : nb;
  const ka = aek(a), kb = aek(b);
  for (let i = 0; i < n; i++) {
    const c = slotCmp(elemAddr(a, i), ka, elemAddr(b, i), kb);
    if (c != 0) return c;
  }
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** total order: -1, 0, 1 (numbers numerically, strings bytewise, sequences lexicographically) */
export function rt_cmp(a: usize, b: usize): i32 {
  if (a == b) return 0;
  const ka = kindOf(a), kb = kindOf(b);
  if (isNum(ka) && isNum(kb)) {
    if (ka == K_INT && kb == K_INT) {
      const x = load<i64>(a, 8), y = load<i64>(b, 8);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    const x = numOf(a), y = numOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const ra = rank(ka), rb = rank(kb);
  if (ra != rb) return ra < rb ? -1 : 1;
  switch (ka) {
    case K_BOOL: { const x = load<i32>(a, 8), y = load<i32>(b, 8); return x < y ? -1 : x > y ? 1 : 0; }
    case K_STR: return rt_str_cmp(a, b);
    case K_ARRAY: return arrCmp(a, b);
    case K_TUPLE:
    case K_STRUCT:
    case K_ENUM:
    case K_CLASS: return objCmp(a, b);
    case K_RANGE: {
      const x = load<i64>(a, 8), y = load<i64>(b, 8);
      if (x != y) return x < y ? -1 : 1;
      const e = load<i64>(a, 16), f = load<i64>(b, 16);
      return e < f ? -1 : e > f ? 1 : 0;
    }
  }
  return 0;
}
