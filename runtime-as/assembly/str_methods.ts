// String methods (receiver borrowed, results owned): rt_str_<name>(s, args..., [line]).
import { EK_REF, EK_INT } from './abi';
import {
  slen, snchars, sdata, rt_str_new, rt_str_from_utf8, appendBytes, appendCodePoint, substrChars, substrBytes,
  utf8SeqLen, rt_str_repeat, rt_str_from_lit, appendLit, rt_str_append,
} from './str';
import { rt_retain } from './rc';
import { rt_arr_new, rt_arr_push_i64, pushOwned } from './array';
import { rt_box_i64, rt_box_f64, rt_none, rt_some, wrap1 } from './box';
import { T_SOME } from './abi';
import { rt_panic } from './panic';
import { strChars } from './builtins';
import { parse_i64_trim, parse_f64 } from './numparse';

const NUMOUT: usize = memory.data(8, 8);

/** decodes the code point at byte offset o */
export function decodeAt(d: usize, o: i32): u32 {
  const b = <u32>load<u8>(d + <usize>o);
  if (b < 0x80) return b;
  if (b < 0xe0) return ((b & 31) << 6) | (<u32>load<u8>(d + <usize>o + 1) & 63);
  if (b < 0xf0) return ((b & 15) << 12) | ((<u32>load<u8>(d + <usize>o + 1) & 63) << 6) | (<u32>load<u8>(d + <usize>o + 2) & 63);
  return ((b & 7) << 18) | ((<u32>load<u8>(d + <usize>o + 1) & 63) << 12) | ((<u32>load<u8>(d + <usize>o + 2) & 63) << 6) | (<u32>load<u8>(d + <usize>o + 3) & 63);
}

/** Unicode White_Space */
export function isWs(c: u32): bool {
  return c == 32 || (c >= 9 && c <= 13) || c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}
function isDigitCp(c: u32): bool { return c >= 48 && c <= 57; }
function isAlphaCp(c: u32): bool {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c != 0xd7 && c != 0xf7) ||
    (c >= 0x370 && c <= 0x3ff) || (c >= 0x400 && c <= 0x4ff) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3040 && c <= 0x30ff) || (c >= 0xac00 && c <= 0xd7af);
}

// ---- trimming
function trimStartOff(s: usize): i32 {
  const d = sdata(s), n = slen(s);
  let o = 0;
  while (o < n) {
    const c = decodeAt(d, o);
    if (!isWs(c)) break;
    o += utf8SeqLen(load<u8>(d + <usize>o));
  }
  return o;
}
function trimEndOff(s: usize, from: i32): i32 {
  const d = sdata(s);
  let e = slen(s);
  while (e > from) {
    let b = e - 1;
    while (b > from && (load<u8>(d + <usize>b) & 0xc0) == 0x80) b--;
    if (!isWs(decodeAt(d, b))) break;
    e = b;
  }
  return e;
}
export function rt_str_trim(s: usize): usize { const a = trimStartOff(s); return substrBytes(s, a, trimEndOff(s, a)); }
export function rt_str_trim_start(s: usize): usize { return substrBytes(s, trimStartOff(s), slen(s)); }
export function rt_str_trim_end(s: usize): usize { return substrBytes(s, 0, trimEndOff(s, 0)); }

// ---- case (ASCII, Latin-1, Greek, Cyrillic basics)
function upperCp(c: u32): u32 {
  if (c >= 97 && c <= 122) return c - 32;
  if (c < 0x80) return c;
  if (c >= 0xe0 && c <= 0xfe && c != 0xf7) return c - 32;
  if (c >= 0x3b1 && c <= 0x3c9 && c != 0x3c2) return c - 32;
  if (c >= 0x430 && c <= 0x44f) return c - 32;
  if (c >= 0x450 && c <= 0x45f) return c - 80;
  if (c >= 0x100 && c <= 0x17f && (c & 1) == 1 && c != 0x131 && c != 0x138 && c != 0x149 && c != 0x17f) return c - 1;
  return c;
}
function lowerCp(c: u32): u32 {
  if (c >= 65 && c <= 90) return c + 32;
  if (c < 0x80) return c;
  if (c >= 0xc0 && c <= 0xde && c != 0xd7) return c + 32;
  if (c >= 0x391 && c <= 0x3a9 && c != 0x3a2) return c + 32;
  if (c >= 0x410 && c <= 0x42f) return c + 32;
  if (c >= 0x400 && c <= 0x40f) return c + 80;
  if (c >= 0x100 && c <= 0x17f && (c & 1) == 0 && c != 0x130 && c != 0x138) return c + 1;
  return c;
}
function mapCase(s: usize, upper: bool): usize {
  const n = slen(s), d = sdata(s);
  let r = rt_str_new(n);
  let o = 0;
  while (o < n) {
    const c = decodeAt(d, o);
    o += utf8SeqLen(load<u8>(d + <usize>o));
    r = appendCodePoint(r, upper ? upperCp(c) : lowerCp(c));
  }
  return r;
}
export function rt_str_to_uppercase(s: usize): usize { return mapCase(s, true); }
export function rt_str_to_lowercase(s: usize): usize { return mapCase(s, false); }

// ---- searching
/** byte offset of t in s at or after from, or -1 */
export function findBytes(s: usize, t: usize, from: i32): i32 {
  const n = slen(s), m = slen(t);
  if (m == 0) return from <= n ? from : -1;
  const ds = sdata(s), dt = sdata(t);
  const first = load<u8>(dt);
  for (let i = from; i + m <= n; i++) {
    if (load<u8>(ds + <usize>i) == first && memory.compare(ds + <usize>i, dt, <usize>m) == 0) return i;
  }
  return -1;
}
/** number of code points in the first o bytes */
function charIndexOf(s: usize, o: i32): i32 {
  if (snchars(s) == slen(s)) return o;
  let n = 0;
  const d = sdata(s);
  for (let i = 0; i < o; i++) if ((load<u8>(d + <usize>i) & 0xc0) != 0x80) n++;
  return n;
}
export function rt_str_contains(s: usize, t: usize): i32 { return findBytes(s, t, 0) >= 0 ? 1 : 0; }
export function rt_str_starts_with(s: usize, t: usize): i32 {
  const m = slen(t);
  return m <= slen(s) && memory.compare(sdata(s), sdata(t), <usize>m) == 0 ? 1 : 0;
}
export function rt_str_ends_with(s: usize, t: usize): i32 {
  const m = slen(t), n = slen(s);
  return m <= n && memory.compare(sdata(s) + <usize>(n - m), sdata(t), <usize>m) == 0 ? 1 : 0;
}
/** Some(character index of the first occurrence) or None */
export function rt_str_find(s: usize, t: usize): usize {
  const o = findBytes(s, t, 0);
  if (o < 0) return rt_none();
  return wrap1(T_SOME, rt_box_i64(<i64>charIndexOf(s, o)));
}
/** character index of the first occurrence or -1 */
export function rt_str_index_of(s: usize, t: usize): i64 {
  const o = findBytes(s, t, 0);
  return o < 0 ? -1 : <i64>charIndexOf(s, o);
}
/** non-overlapping occurrences of t */
export function rt_str_count(s: usize, t: usize): i64 {
  if (slen(t) == 0) return <i64>snchars(s) + 1;
  let c: i64 = 0, o = 0;
  let i = findBytes(s, t, o);
  while (i >= 0) {
    c++;
    o = i + slen(t);
    i = findBytes(s, t, o);
  }
  return c;
}

export function rt_str_replace(s: usize, from: usize, to: usize): usize {
  const m = slen(from);
  let r = rt_str_new(slen(s));
  if (m == 0) {
    // Rust: to inserted before every char and at the end
    const n = slen(s), d = sdata(s);
    let o = 0;
    while (o < n) {
      r = rt_str_append(r, to);
      const l = utf8SeqLen(load<u8>(d + <usize>o));
      r = appendBytes(r, d + <usize>o, l, 1);
      o += l;
    }
    return rt_str_append(r, to);
  }
  let o = 0;
  for (;;) {
    const i = findBytes(s, from, o);
    if (i < 0) break;
    r = appendBytes(r, sdata(s) + <usize>o, i - o, charIndexOfRange(s, o, i));
    r = rt_str_append(r, to);
    o = i + m;
  }
  return appendBytes(r, sdata(s) + <usize>o, slen(s) - o, charIndexOfRange(s, o, slen(s)));
}
function charIndexOfRange(s: usize, a: i32, b: i32): i32 {
  let n = 0;
  const d = sdata(s);
  for (let i = a; i < b; i++) if ((load<u8>(d + <usize>i) & 0xc0) != 0x80) n++;
  return n;
}

// ---- pieces
/** characters [start, end) clamped to the string */
export function rt_str_substring(s: usize, start: i64, end: i64): usize {
  const n = <i64>snchars(s);
  let a = start < 0 ? 0 : start > n ? n : start;
  let b = end < a ? a : end > n ? n : end;
  return substrChars(s, <i32>a, <i32>b);
}
/** the character at i (panics out of range) */
export function rt_str_char_at(s: usize, i: i64, line: i32): usize {
  const n = <i64>snchars(s);
  if (i < 0 || i >= n) {
    let m = rt_str_from_lit("char_at: index ");
    m = appendI64x(m, i);
    m = appendLit(m, " out of range");
    rt_panic(m, line);
  }
  return substrChars(s, <i32>i, <i32>i + 1);
}
import { appendI64 } from './str';
function appendI64x(s: usize, v: i64): usize { return appendI64(s, v); }

export function rt_str_is_empty(s: usize): i32 { return slen(s) == 0 ? 1 : 0; }
export function rt_str_len(s: usize): i64 { return <i64>slen(s); }
export function rt_str_char_count(s: usize): i64 { return <i64>snchars(s); }
export function rt_str_to_string(s: usize): usize { rt_retain(s); return s; }

export function rt_str_split(s: usize, sep: usize): usize {
  let a = rt_arr_new(EK_REF, 0);
  if (slen(sep) == 0) {
    // Rust: "", each char, ""
    a = pushOwned(a, rt_str_new(0));
    const cs = strChars(s);
    const n = load<i32>(cs, 8);
    for (let i = 0; i < n; i++) { const c = <usize>load<u32>(<usize>load<u32>(cs, 16) + (<usize>i << 2)); rt_retain(c); a = pushOwned(a, c); }
    releaseArr(cs);
    return pushOwned(a, rt_str_new(0));
  }
  let o = 0;
  for (;;) {
    const i = findBytes(s, sep, o);
    if (i < 0) break;
    a = pushOwned(a, substrBytes(s, o, i));
    o = i + slen(sep);
  }
  return pushOwned(a, substrBytes(s, o, slen(s)));
}
import { rt_release } from './rc';
function releaseArr(a: usize): void { rt_release(a); }

/** whitespace-separated words */
export function rt_str_split_whitespace(s: usize): usize {
  let a = rt_arr_new(EK_REF, 0);
  const n = slen(s), d = sdata(s);
  let o = 0, start = -1;
  while (o < n) {
    const c = decodeAt(d, o);
    const l = utf8SeqLen(load<u8>(d + <usize>o));
    if (isWs(c)) {
      if (start >= 0) { a = pushOwned(a, substrBytes(s, start, o)); start = -1; }
    } else if (start < 0) start = o;
    o += l;
  }
  if (start >= 0) a = pushOwned(a, substrBytes(s, start, n));
  return a;
}

export function rt_str_chars(s: usize): usize { return strChars(s); }

/** Rust's lines(): split at \n, a trailing \r dropped, no final empty line */
export function rt_str_lines(s: usize): usize {
  let a = rt_arr_new(EK_REF, 0);
  const n = slen(s), d = sdata(s);
  let o = 0;
  while (o < n) {
    let e = o;
    while (e < n && load<u8>(d + <usize>e) != 10) e++;
    let f = e;
    if (f > o && load<u8>(d + <usize>(f - 1)) == 13) f--;
    a = pushOwned(a, substrBytes(s, o, f));
    o = e + 1;
  }
  return a;
}

export function rt_str_as_bytes(s: usize): usize {
  const n = slen(s);
  let a = rt_arr_new(EK_INT, n);
  for (let i = 0; i < n; i++) a = rt_arr_push_i64(a, <i64>load<u8>(sdata(s) + <usize>i));
  return a;
}
/** the code points as ints */
export function rt_str_bytes(s: usize): usize { return rt_str_as_bytes(s); }

function allChars(s: usize, kind: i32): i32 {
  const n = slen(s), d = sdata(s);
  if (n == 0) return 0;
  let o = 0;
  while (o < n) {
    const c = decodeAt(d, o);
    o += utf8SeqLen(load<u8>(d + <usize>o));
    const ok = kind == 0 ? isDigitCp(c) : kind == 1 ? isAlphaCp(c) : kind == 2 ? isAlphaCp(c) || isDigitCp(c) : isWs(c);
    if (!ok) return 0;
  }
  return 1;
}
export function rt_str_is_numeric(s: usize): i32 { return allChars(s, 0); }
export function rt_str_is_alphabetic(s: usize): i32 { return allChars(s, 1); }
export function rt_str_is_alphanumeric(s: usize): i32 { return allChars(s, 2); }
export function rt_str_is_whitespace(s: usize): i32 { return allChars(s, 3); }
export function rt_str_is_digit(s: usize): i32 { return allChars(s, 0); }
export function rt_str_is_uppercase(s: usize): i32 {
  const n = slen(s), d = sdata(s);
  if (n == 0) return 0;
  let o = 0;
  while (o < n) { const c = decodeAt(d, o); o += utf8SeqLen(load<u8>(d + <usize>o)); if (lowerCp(c) == c && upperCp(c) != c) return 0; if (!isAlphaCp(c)) return 0; }
  return 1;
}
export function rt_str_is_lowercase(s: usize): i32 {
  const n = slen(s), d = sdata(s);
  if (n == 0) return 0;
  let o = 0;
  while (o < n) { const c = decodeAt(d, o); o += utf8SeqLen(load<u8>(d + <usize>o)); if (upperCp(c) == c && lowerCp(c) != c) return 0; if (!isAlphaCp(c)) return 0; }
  return 1;
}

export function rt_str_repeat_m(s: usize, n: i64): usize { return rt_str_repeat(s, n); }

export function rt_str_reverse(s: usize): usize {
  const n = slen(s), d = sdata(s);
  const r = rt_str_new(n);
  let o = 0;
  while (o < n) {
    const l = utf8SeqLen(load<u8>(d + <usize>o));
    memory.copy(sdata(r) + <usize>(n - o - l), d + <usize>o, <usize>l);
    o += l;
  }
  store<i32>(r, n, 8);
  store<i32>(r, snchars(s), 12);
  return r;
}

/** Rust's s.trim().parse::<i64>(); panics when s is not an integer */
export function rt_str_to_int(s: usize, line: i32): i64 {
  if (!parse_i64_trim(sdata(s), slen(s), NUMOUT)) {
    let m = rt_str_from_lit("Failed to parse '");
    m = rt_str_append(m, s);
    m = appendLit(m, "' as integer");
    rt_panic(m, line);
  }
  return load<i64>(NUMOUT);
}
/** the string parsed as a float (surrounding whitespace trimmed); panics when it is not a number */
export function rt_str_to_float(s: usize, line: i32): f64 {
  const t = rt_str_trim(s);
  const ok = parse_f64(sdata(t), slen(t), NUMOUT);
  rt_release(t);
  if (!ok) {
    let m = rt_str_from_lit("Failed to parse '");
    m = rt_str_append(m, s);
    m = appendLit(m, "' as float");
    rt_panic(m, line);
  }
  return load<f64>(NUMOUT);
}
