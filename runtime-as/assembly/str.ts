// Strings: UTF-8 bytes with a cached code-point count (ASCII strings index in O(1)).
import { K_STR, STR_LEN, STR_NCHARS, STR_CAP, STR_DATA, setHeader } from './abi';
import { rt_alloc, rt_free, blockSize } from './mem';
import { rt_release } from './rc';
import { fmt_i64, fmt_f64, fmt_f64_prec, fmt_f64_len_bound } from './numfmt';
import { rt_panic_index, panicLit } from './panic';

@inline export function slen(s: usize): i32 { return load<i32>(s, STR_LEN); }
@inline export function snchars(s: usize): i32 { return load<i32>(s, STR_NCHARS); }
@inline export function sdata(s: usize): usize { return s + STR_DATA; }
@inline function scap(s: usize): i32 { return load<i32>(s, STR_CAP); }
@inline function setLen(s: usize, len: i32, n: i32): void {
  store<i32>(s, len, STR_LEN);
  store<i32>(s, n, STR_NCHARS);
}

export function rt_str_new(cap: i32): usize {
  if (cap < 0) cap = 0;
  const s = rt_alloc(STR_DATA + <usize>cap);
  setHeader(s, K_STR, 0, 0);
  setLen(s, 0, 0);
  store<i32>(s, <i32>(blockSize(s) - STR_DATA), STR_CAP);
  return s;
}

/** number of code points in UTF-8 bytes */
export function utf8Count(p: usize, len: i32): i32 {
  let n = 0;
  for (let i = 0; i < len; i++) {
    if ((load<u8>(p + <usize>i) & 0xc0) != 0x80) n++;
  }
  return n;
}

/** byte length of the UTF-8 sequence starting with byte b */
@inline export function utf8SeqLen(b: u32): i32 {
  return b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
}

export function rt_str_from_utf8(ptr: usize, len: i32): usize {
  const s = rt_str_new(len);
  memory.copy(sdata(s), ptr, <usize>len);
  setLen(s, len, utf8Count(ptr, len));
  return s;
}

/** makes s (consumed) unique with room for extra more bytes */
export function strReserve(s: usize, extra: i32): usize {
  const len = slen(s);
  const need = len + extra;
  if (load<i32>(s) == 1 && scap(s) >= need) return s;
  let cap = scap(s) * 2;
  if (cap < need) cap = need;
  if (cap < 16) cap = 16;
  const t = rt_str_new(cap);
  memory.copy(sdata(t), sdata(s), <usize>len);
  setLen(t, len, snchars(s));
  if (load<i32>(s) == 1) rt_free(s);
  else rt_release(s);
  return t;
}

/** appends raw bytes (not inside s) with their code-point count; consumes s */
export function appendBytes(s: usize, p: usize, len: i32, n: i32): usize {
  if (len == 0) return s;
  s = strReserve(s, len);
  const l = slen(s);
  memory.copy(sdata(s) + <usize>l, p, <usize>len);
  setLen(s, l + len, snchars(s) + n);
  return s;
}

/** s (consumed) + t (borrowed), in place when s is unique with room */
export function rt_str_append(s: usize, t: usize): usize {
  const tl = slen(t);
  if (tl == 0) return s;
  if (s == t) {
    const n = snchars(s);
    s = strReserve(s, tl); // may move s; t's bytes are then the first tl bytes of s
    memory.copy(sdata(s) + <usize>tl, sdata(s), <usize>tl);
    setLen(s, tl * 2, n * 2);
    return s;
  }
  return appendBytes(s, sdata(t), tl, snchars(t));
}

export function appendByte(s: usize, b: i32): usize {
  s = strReserve(s, 1);
  const l = slen(s);
  store<u8>(sdata(s) + <usize>l, <u8>b);
  setLen(s, l + 1, snchars(s) + 1);
  return s;
}

/** appends an AssemblyScript string literal (encoded as UTF-8) */
export function appendLit(s: usize, lit: string): usize {
  const n = lit.length;
  for (let i = 0; i < n; i++) {
    const c = <u32>lit.charCodeAt(i);
    if (c < 0x80) s = appendByte(s, c);
    else s = appendCodePoint(s, c);
  }
  return s;
}

export function appendCodePoint(s: usize, c: u32): usize {
  s = strReserve(s, 4);
  const l = slen(s);
  const p = sdata(s) + <usize>l;
  let k = 1;
  if (c < 0x80) store<u8>(p, <u8>c);
  else if (c < 0x800) {
    store<u8>(p, <u8>(0xc0 | (c >> 6)));
    store<u8>(p, <u8>(0x80 | (c & 63)), 1);
    k = 2;
  } else if (c < 0x10000) {
    store<u8>(p, <u8>(0xe0 | (c >> 12)));
    store<u8>(p, <u8>(0x80 | ((c >> 6) & 63)), 1);
    store<u8>(p, <u8>(0x80 | (c & 63)), 2);
    k = 3;
  } else {
    store<u8>(p, <u8>(0xf0 | (c >> 18)));
    store<u8>(p, <u8>(0x80 | ((c >> 12) & 63)), 1);
    store<u8>(p, <u8>(0x80 | ((c >> 6) & 63)), 2);
    store<u8>(p, <u8>(0x80 | (c & 63)), 3);
    k = 4;
  }
  setLen(s, l + k, snchars(s) + 1);
  return s;
}

export function rt_str_from_lit(lit: string): usize {
  return appendLit(rt_str_new(lit.length), lit);
}

export function appendI64(s: usize, v: i64): usize {
  s = strReserve(s, 24);
  const l = slen(s);
  const n = fmt_i64(sdata(s) + <usize>l, v);
  setLen(s, l + n, snchars(s) + n);
  return s;
}

export function rt_str_append_i64(s: usize, v: i64): usize { return appendI64(s, v); }

export function rt_str_append_f64(s: usize, v: f64): usize {
  s = strReserve(s, fmt_f64_len_bound(v, -1));
  const l = slen(s);
  const n = fmt_f64(sdata(s) + <usize>l, v);
  setLen(s, l + n, snchars(s) + n);
  return s;
}

export function rt_str_append_f64_prec(s: usize, v: f64, prec: i32): usize {
  s = strReserve(s, fmt_f64_len_bound(v, prec));
  const l = slen(s);
  const n = fmt_f64_prec(sdata(s) + <usize>l, v, prec);
  setLen(s, l + n, snchars(s) + n);
  return s;
}

export function rt_str_append_bool(s: usize, b: i32): usize {
  return appendLit(s, b != 0 ? "true" : "false");
}

export function rt_str_concat(a: usize, b: usize): usize {
  const la = slen(a), lb = slen(b);
  const s = rt_str_new(la + lb);
  memory.copy(sdata(s), sdata(a), <usize>la);
  memory.copy(sdata(s) + <usize>la, sdata(b), <usize>lb);
  setLen(s, la + lb, snchars(a) + snchars(b));
  return s;
}

export function rt_str_eq(a: usize, b: usize): i32 {
  if (a == b) return 1;
  const l = slen(a);
  if (l != slen(b)) return 0;
  return memory.compare(sdata(a), sdata(b), <usize>l) == 0 ? 1 : 0;
}

/** byte order: -1, 0, 1 */
export function rt_str_cmp(a: usize, b: usize): i32 {
  const la = slen(a), lb = slen(b);
  const n = la < lb ? la : lb;
  const c = memory.compare(sdata(a), sdata(b), <usize>n);
  if (c != 0) return c < 0 ? -1 : 1;
  return la < lb ? -1 : la > lb ? 1 : 0;
}

/** byte offset of code point ci (0 <= ci <= nchars) */
export function charOffset(s: usize, ci: i32): i32 {
  const len = slen(s);
  if (snchars(s) == len) return ci;
  const d = sdata(s);
  let off = 0;
  let k = 0;
  while (off < len && k < ci) {
    off += utf8SeqLen(load<u8>(d + <usize>off));
    k++;
  }
  return off;
}

/** the substring of code points [a, b) (0 <= a <= b <= nchars) */
export function substrChars(s: usize, a: i32, b: i32): usize {
  const o1 = charOffset(s, a);
  const o2 = snchars(s) == slen(s) ? b : o1 + charOffset2(s, o1, b - a);
  const r = rt_str_new(o2 - o1);
  memory.copy(sdata(r), sdata(s) + <usize>o1, <usize>(o2 - o1));
  setLen(r, o2 - o1, b - a);
  return r;
}
function charOffset2(s: usize, from: i32, count: i32): i32 {
  const d = sdata(s) + <usize>from;
  const len = slen(s) - from;
  let off = 0, k = 0;
  while (off < len && k < count) {
    off += utf8SeqLen(load<u8>(d + <usize>off));
    k++;
  }
  return off;
}

/** a new STR of the bytes [o1, o2) of s */
export function substrBytes(s: usize, o1: i32, o2: i32): usize {
  return rt_str_from_utf8(sdata(s) + <usize>o1, o2 - o1);
}

/** s[i]: the i-th character (negative counts from the end) */
export function rt_str_index(s: usize, i: i64, line: i32): usize {
  const n = <i64>snchars(s);
  const j = i < 0 ? i + n : i;
  if (j < 0 || j >= n) rt_panic_index(i, n, line);
  return substrChars(s, <i32>j, <i32>j + 1);
}

/** s[start..end] by characters; flags: 1 has start, 2 has end, 4 inclusive */
export function rt_str_slice(s: usize, start: i64, end: i64, flags: i32, line: i32): usize {
  const n = <i64>snchars(s);
  let a: i64 = (flags & 1) != 0 ? start : 0;
  let b: i64 = (flags & 2) != 0 ? end : n;
  if (a < 0) a += n;
  if (b < 0) b += n;
  if ((flags & 6) == 6) b += 1; // `..=end`, counted from the end when negative
  if (a < 0 || b > n || a > b) sliceOob(a, b, n, line);
  return substrChars(s, <i32>a, <i32>b);
}

export function sliceOob(a: i64, b: i64, n: i64, line: i32): void {
  let s = rt_str_from_lit("range ");
  s = appendI64(s, a);
  s = appendLit(s, "..");
  s = appendI64(s, b);
  s = appendLit(s, " out of bounds for length ");
  s = appendI64(s, n);
  panicStr(s, line);
}
import { rt_panic } from './panic';
function panicStr(s: usize, line: i32): void { rt_panic(s, line); }

export function rt_str_repeat(s: usize, n: i64): usize {
  if (n <= 0) return rt_str_new(0);
  const l = slen(s);
  if (<i64>l * n > 0x3fffffff) panicLit("capacity overflow", 0);
  const total = l * <i32>n;
  const r = rt_str_new(total);
  for (let i = 0; i < <i32>n; i++) memory.copy(sdata(r) + <usize>(i * l), sdata(s), <usize>l);
  setLen(r, total, snchars(s) * <i32>n);
  return r;
}

export function setStrLen(s: usize, len: i32, n: i32): void { setLen(s, len, n); }
