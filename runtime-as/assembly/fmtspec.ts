// Rust-style format specs applied to one value: `{:>8}`, `{:*^9}`, `{:+08.3}`, `{:#x}`, `{:e}`,
// `{:?}`, `{:#?}`. The compiler parses the spec and passes four integers (../ABI.md, "Format specs"):
//   fill   the padding character (a code point; ' ' by default)
//   flags  bits 0-1 alignment (0 the type's default, 1 left, 2 center, 3 right), bit 2 `+`,
//          bit 3 `#` (`0x` prefixes, pretty debug), bit 4 `0`, bit 5 f-string display (strings
//          inside containers unquoted), bits 8-11 the type (FT_* below)
//   width  minimum width in characters (code points), -1 for none
//   prec   precision, -1 for none: decimals of a float (an int with a precision is shown as a
//          float, as the reference does), the maximum characters of a string or bool
import { K_BOOL, K_INT, K_FLOAT, K_STR, kindOf } from './abi';
import { rt_alloc, rt_free } from './mem';
import { rt_release, rt_retain } from './rc';
import {
  rt_str_new, appendByte, appendCodePoint, appendLit, appendBytes, rt_str_append, rt_str_append_f64,
  rt_str_append_f64_prec, rt_str_from_lit, appendI64, utf8Count, slen, snchars, sdata, substrChars, substrBytes, charOffset,
} from './str';
import { appendValue, M_TOP, M_FSTR, M_DEBUG } from './display';
import { nf_shortest_digits, nf_short_count, nf_short_exp, fmt_f64_prec } from './numfmt';
import { rt_panic } from './panic';

export const FT_DISPLAY: i32 = 0;
export const FT_DEBUG: i32 = 1;
export const FT_LHEX: i32 = 2;
export const FT_UHEX: i32 = 3;
export const FT_OCT: i32 = 4;
export const FT_BIN: i32 = 5;
export const FT_LEXP: i32 = 6;
export const FT_UEXP: i32 = 7;

const A_LEFT: i32 = 1; // 2 is center
const A_RIGHT: i32 = 3;
const F_PLUS: i32 = 4;
const F_ALT: i32 = 8;
const F_ZERO: i32 = 16;
const F_FSTR: i32 = 32;

@inline function ftype(flags: i32): i32 { return (flags >> 8) & 15; }

function appendFill(s: usize, fill: i32, n: i32): usize {
  for (let i = 0; i < n; i++) s = fill < 0x80 ? appendByte(s, fill) : appendCodePoint(s, <u32>fill);
  return s;
}

/** Appends body (an owned STR, consumed) padded to width. A number is right-aligned by default and
 *  zero-padded after its first signLen bytes (sign and `0x`-style prefix) under the `0` flag. */
function pad(s: usize, body: usize, numeric: bool, signLen: i32, fill: i32, flags: i32, width: i32): usize {
  const n = snchars(body);
  if (width <= n) {
    s = rt_str_append(s, body);
    rt_release(body);
    return s;
  }
  const gap = width - n;
  if (numeric && (flags & F_ZERO) != 0) {
    s = appendBytes(s, sdata(body), signLen, signLen);
    s = appendFill(s, 48, gap);
    s = appendBytes(s, sdata(body) + <usize>signLen, slen(body) - signLen, n - signLen);
    rt_release(body);
    return s;
  }
  let align = flags & 3;
  if (align == 0) align = numeric ? A_RIGHT : A_LEFT;
  const before = align == A_LEFT ? 0 : align == A_RIGHT ? gap : gap >> 1;
  s = appendFill(s, fill, before);
  s = rt_str_append(s, body);
  rt_release(body);
  return appendFill(s, fill, gap - before);
}

// ------------------------------------------------------------------ integers

/** Digits of the 64 bits of v in base 2^shift (the two's complement of a negative v, as Rust);
 *  at most 64 (binary), 22 (octal) or 16 (hexadecimal). */
function appendRadix(s: usize, v: u64, shift: i32, upper: bool): usize {
  const buf = rt_alloc(64);
  const mask: u64 = (<u64>1 << shift) - 1;
  let n = 0;
  do {
    const d = <i32>(v & mask);
    store<u8>(buf + <usize>(63 - n), d < 10 ? 48 + d : (upper ? 55 : 87) + d);
    n++;
    v >>= shift;
  } while (v != 0);
  s = appendBytes(s, buf + <usize>(64 - n), n, n);
  rt_free(buf);
  return s;
}

/** v (an int) formatted and padded by the spec */
export function rt_str_append_fmt_i64(s: usize, v: i64, fill: i32, flags: i32, width: i32, prec: i32): usize {
  const t = ftype(flags);
  if (t == FT_LEXP || t == FT_UEXP || (t == FT_DISPLAY && prec >= 0)) {
    return rt_str_append_fmt_f64(s, <f64>v, fill, flags, width, prec);
  }
  let body = rt_str_new(24);
  // a decimal shows its own `-`; the two's complement digits of the other bases never do
  if ((flags & F_PLUS) != 0 && (v >= 0 || t > FT_DEBUG)) body = appendByte(body, 43);
  if (t <= FT_DEBUG) return pad(s, appendI64(body, v), true, v < 0 || (flags & F_PLUS) != 0 ? 1 : 0, fill, flags, width);
  const shift = t == FT_OCT ? 3 : t == FT_BIN ? 1 : 4;
  if ((flags & F_ALT) != 0) body = appendLit(body, t == FT_OCT ? "0o" : t == FT_BIN ? "0b" : "0x");
  const signLen = slen(body);
  body = appendRadix(body, <u64>v, shift, t == FT_UHEX);
  return pad(s, body, true, signLen, fill, flags, width);
}

// ------------------------------------------------------------------ floats

/** Rust `{:e}` of a finite x: the shortest digits, or prec decimals rounded half-to-even */
function appendExp(s: usize, x: f64, prec: i32, upper: bool): usize {
  if (x == 0) {
    s = appendByte(s, 48);
    if (prec > 0) {
      s = appendByte(s, 46);
      s = appendFill(s, 48, prec);
    }
    return appendLit(s, upper ? "E0" : "e0");
  }
  let exp: i32;
  if (prec < 0) {
    const d = nf_shortest_digits(Math.abs(x));
    const n = nf_short_count();
    exp = nf_short_exp() - 1;
    s = appendByte(s, 48 + load<u8>(d));
    if (n > 1) {
      s = appendByte(s, 46);
      for (let i = 1; i < n; i++) s = appendByte(s, 48 + load<u8>(d + <usize>i));
    }
  } else {
    // the exact decimal expansion of |x| (1100 decimals cover every double), rounded as text
    const cap = 1500;
    const buf = rt_alloc(<usize>cap);
    const len = fmt_f64_prec(buf, Math.abs(x), 1100);
    const dig = rt_alloc(<usize>cap);
    let nd = 0, point = 0, first = -1;
    for (let i = 0; i < len; i++) {
      const c = load<u8>(buf + <usize>i);
      if (c == 46) { point = nd; continue; }
      if (first < 0 && c != 48) first = nd;
      store<u8>(dig + <usize>nd, c - 48);
      nd++;
    }
    exp = point - first - 1;
    const keep = prec + 1;
    // round digits [first, first + keep) by the rest, ties to even
    const cut = first + keep;
    let up = false;
    if (cut < nd) {
      const r = load<u8>(dig + <usize>cut);
      let rest = false;
      for (let i = cut + 1; i < nd; i++) if (load<u8>(dig + <usize>i) != 0) { rest = true; break; }
      up = r > 5 || (r == 5 && (rest || (load<u8>(dig + <usize>(cut - 1)) & 1) != 0));
    }
    let j = cut - 1;
    while (up && j >= first) {
      const d = load<u8>(dig + <usize>j) + 1;
      if (d < 10) { store<u8>(dig + <usize>j, d); up = false; } else { store<u8>(dig + <usize>j, 0); j--; }
    }
    if (up) {
      // 9.99 -> 10.0: one more leading digit
      store<u8>(dig + <usize>first, 1);
      for (let i = first + 1; i < cut; i++) store<u8>(dig + <usize>i, 0);
      exp++;
    }
    s = appendByte(s, 48 + load<u8>(dig + <usize>first));
    if (prec > 0) {
      s = appendByte(s, 46);
      for (let i = first + 1; i < cut; i++) s = appendByte(s, 48 + (i < nd ? load<u8>(dig + <usize>i) : 0));
    }
    rt_free(dig);
    rt_free(buf);
  }
  s = appendByte(s, upper ? 69 : 101);
  return appendI64(s, exp);
}

/** v (a float) formatted and padded by the spec */
export function rt_str_append_fmt_f64(s: usize, v: f64, fill: i32, flags: i32, width: i32, prec: i32): usize {
  const t = ftype(flags);
  let body = rt_str_new(32);
  if (isNaN(v)) return pad(s, appendLit(body, "NaN"), true, 0, fill, flags & ~F_ZERO, width);
  const neg = (reinterpret<u64>(v) >> 63) != 0;
  if (neg) body = appendByte(body, 45);
  else if ((flags & F_PLUS) != 0) body = appendByte(body, 43);
  const a = Math.abs(v);
  if (!isFinite(v)) body = appendLit(body, "inf");
  else if (t == FT_LEXP || t == FT_UEXP) body = appendExp(body, a, prec, t == FT_UEXP);
  else body = prec >= 0 ? rt_str_append_f64_prec(body, a, prec) : rt_str_append_f64(body, a);
  return pad(s, body, true, neg || (flags & F_PLUS) != 0 ? 1 : 0, fill, flags, width);
}

// ------------------------------------------------------------------ any value

/** the UTF-8 bytes [from, to) at p */
function appendRange(s: usize, p: usize, from: i32, to: i32): usize {
  return appendBytes(s, p + <usize>from, to - from, utf8Count(p + <usize>from, to - from));
}

/** Rust's pretty debug `{:#?}` of a one-line debug text t (consumed): every non-empty `[..]`,
 *  `(..)`, `{..}` opened onto its own lines, one element a line with a trailing comma, indented by
 *  four spaces a level. Strings (always quoted in debug text) are copied untouched. */
function prettify(t: usize): usize {
  const p = sdata(t), n = slen(t);
  let s = rt_str_new(n + 32);
  let depth = 0, from = 0, i = 0;
  while (i < n) {
    const c = <i32>load<u8>(p + <usize>i);
    if (c == 34) {
      i++;
      while (i < n && load<u8>(p + <usize>i) != 34) i += load<u8>(p + <usize>i) == 92 ? 2 : 1;
      i++;
      continue;
    }
    const open = c == 91 || c == 40 || c == 123, close = c == 93 || c == 41 || c == 125;
    const comma = c == 44 && i + 1 < n && load<u8>(p + <usize>(i + 1)) == 32;
    if (open && i + 1 < n && <i32>load<u8>(p + <usize>(i + 1)) == (c == 40 ? 41 : c + 2)) {
      i += 2; // an empty `[]`, `()`, `{}` stays as it is
      continue;
    }
    if (!open && !close && !comma) {
      i++;
      continue;
    }
    s = appendRange(s, p, from, open ? i + 1 : i);
    if (!open) s = appendLit(s, ",");
    depth += open ? 1 : close ? -1 : 0;
    s = appendByte(s, 10);
    s = appendFill(s, 32, depth * 4);
    from = open ? i + 1 : close ? i : i + 2;
    i = comma ? i + 2 : i + 1;
  }
  s = appendRange(s, p, from, n);
  rt_release(t);
  return s;
}

function needInt(what: string, line: i32): void {
  rt_panic(appendLit(rt_str_from_lit("format spec needs an integer, found "), what), line);
}

/** v (any value, borrowed) formatted and padded by the spec; a dyn int or float goes through the
 *  typed paths above, a string is truncated to prec characters, other values are their display. */
export function rt_str_append_fmt(s: usize, v: usize, fill: i32, flags: i32, width: i32, prec: i32, line: i32): usize {
  const k = v == 0 ? -1 : kindOf(v);
  if (k == K_INT) return rt_str_append_fmt_i64(s, load<i64>(v, 8), fill, flags, width, prec);
  const t = ftype(flags);
  if (k == K_FLOAT) {
    if (t >= FT_LHEX && t <= FT_BIN) needInt("a float", line);
    return rt_str_append_fmt_f64(s, load<f64>(v, 8), fill, flags, width, prec);
  }
  if (t >= FT_LHEX) needInt(k == K_STR ? "a string" : k == K_BOOL ? "a bool" : "a value of another type", line);
  let body: usize;
  if (t == FT_DEBUG) {
    body = appendValue(rt_str_new(16), v, M_DEBUG);
    if ((flags & F_ALT) != 0) body = prettify(body);
  }
  else if (k == K_STR) {
    if (prec < 0 || prec >= snchars(v)) {
      rt_retain(v);
      body = v;
    } else body = substrChars(v, 0, prec);
  } else {
    body = appendValue(rt_str_new(16), v, (flags & F_FSTR) != 0 ? M_FSTR : M_TOP);
    if (k == K_BOOL && prec >= 0 && prec < snchars(body)) {
      const cut = substrBytes(body, 0, charOffset(body, prec));
      rt_release(body);
      body = cut;
    }
  }
  return pad(s, body, false, 0, fill, flags, width);
}
