// Number -> text, as pure functions over raw byte buffers (no AS-managed objects).
//
//   fmt_i64(buf, x)            decimal i64
//   fmt_f64(buf, x)            Ruchy's float display: integral floats print exactly with ".0"
//                              (Rust `{:.1}`), others Rust `{}`: the shortest digits that round-trip,
//                              never an exponent; NaN, inf, -inf
//   fmt_f64_prec(buf, x, n)    Rust `{:.n}`: the exact binary value rounded half-to-even to n decimals
//   fmt_f64_len_bound(x, n)    an upper bound of the bytes the two above write (n = -1 for fmt_f64)
//
// Algorithms: fixed formatting is exact digit extraction from m * 2^e (u64 when the fraction has at
// most 60 bits, a small bignum otherwise). Shortest formatting is the exact bignum free-format
// digit generation of Steele & White / Burger & Dybvig with the same rounding interval and tie rule
// as Rust's flt2dec (interval inclusive when the mantissa is even; the interval below a power of
// two is half as wide, for every normal power of two; when both the lower and the upper candidate
// qualify, the closer wins and an exact tie goes up).
//
// The nf_bn_* helpers (fixed-capacity bignums in static scratch memory) are shared with
// numparse.ts; they are not part of the runtime's export list.

// ---------------------------------------------------------------------------------------------
// Fixed-capacity bignums: at address a, +0 i32 len (limbs in use, no leading zero limb),
// +4 u32 limbs[NF_BN_CAP], little-endian.

export const NF_BN_CAP: i32 = 160; // 5120 bits: enough for parse's worst case (about 3800 bits)
const BN_BYTES: i32 = 4 + NF_BN_CAP * 4;

const BN_R: usize = memory.data(BN_BYTES, 8);
const BN_S: usize = memory.data(BN_BYTES, 8);
const BN_MP: usize = memory.data(BN_BYTES, 8);
const BN_MM: usize = memory.data(BN_BYTES, 8);
const BN_T: usize = memory.data(BN_BYTES, 8);
const BN_S2: usize = memory.data(BN_BYTES, 8);
const BN_S4: usize = memory.data(BN_BYTES, 8);
const BN_S8: usize = memory.data(BN_BYTES, 8);
// 9-digit chunks for bignum -> decimal (1024-bit integers have at most 309 digits = 35 chunks)
const CHUNKS: usize = memory.data(64 * 4, 4);
// digits of the shortest representation (at most 17, with room to spare)
const DIGITS: usize = memory.data(64, 4);
// scratch for u64 -> decimal (reversed)
const U64TMP: usize = memory.data(32, 4);

@inline function limbAddr(a: usize, i: i32): usize {
  return a + 4 + (<usize>i << 2);
}
@inline export function nf_bn_len(a: usize): i32 {
  return load<i32>(a);
}
@inline function getLimb(a: usize, i: i32): u32 {
  return load<u32>(limbAddr(a, i));
}
@inline function setLimb(a: usize, i: i32, v: u32): void {
  store<u32>(limbAddr(a, i), v);
}
function normalize(a: usize, n: i32): void {
  while (n > 0 && getLimb(a, n - 1) == 0) n--;
  store<i32>(a, n);
}

export function nf_bn_set_u64(a: usize, v: u64): void {
  setLimb(a, 0, <u32>v);
  setLimb(a, 1, <u32>(v >> 32));
  store<i32>(a, v == 0 ? 0 : (v >> 32) != 0 ? 2 : 1);
}

export function nf_bn_copy(dst: usize, src: usize): void {
  const n = nf_bn_len(src);
  memory.copy(dst, src, 4 + (<usize>n << 2));
}

export function nf_bn_is_zero(a: usize): bool {
  return nf_bn_len(a) == 0;
}

/** a *= m (m: u32) */
export function nf_bn_mul_small(a: usize, m: u32): void {
  const n = nf_bn_len(a);
  let carry: u64 = 0;
  for (let i = 0; i < n; i++) {
    const p = <u64>getLimb(a, i) * <u64>m + carry;
    setLimb(a, i, <u32>p);
    carry = p >> 32;
  }
  if (carry != 0) {
    setLimb(a, n, <u32>carry);
    store<i32>(a, n + 1);
  } else if (m == 0) {
    store<i32>(a, 0);
  }
}

const POW10_U32: usize = memory.data<u32>([1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000]);

/** a *= 10^n */
export function nf_bn_mul_pow10(a: usize, n: i32): void {
  while (n >= 9) {
    nf_bn_mul_small(a, 1000000000);
    n -= 9;
  }
  if (n > 0) nf_bn_mul_small(a, load<u32>(POW10_U32 + (<usize>n << 2)));
}

/** a *= 5^n */
function bn_mul_pow5(a: usize, n: i32): void {
  while (n >= 13) {
    nf_bn_mul_small(a, 1220703125); // 5^13
    n -= 13;
  }
  let p: u32 = 1;
  for (let i = 0; i < n; i++) p *= 5;
  if (p != 1) nf_bn_mul_small(a, p);
}

/** dst = src * v (v: u64); dst must not alias src */
export function nf_bn_mul_u64(dst: usize, src: usize, v: u64): void {
  const n = nf_bn_len(src);
  const lo = <u64>(<u32>v), hi = v >> 32;
  if (n == 0 || v == 0) {
    store<i32>(dst, 0);
    return;
  }
  // dst = src * lo
  let carry: u64 = 0;
  for (let i = 0; i < n; i++) {
    const p = <u64>getLimb(src, i) * lo + carry;
    setLimb(dst, i, <u32>p);
    carry = p >> 32;
  }
  setLimb(dst, n, <u32>carry);
  setLimb(dst, n + 1, 0);
  if (hi != 0) {
    // dst += (src * hi) << 32
    carry = 0;
    for (let i = 0; i < n; i++) {
      const p = <u64>getLimb(src, i) * hi + <u64>getLimb(dst, i + 1) + carry;
      setLimb(dst, i + 1, <u32>p);
      carry = p >> 32;
    }
    setLimb(dst, n + 1, <u32>carry);
  }
  normalize(dst, n + 2);
}

/** a <<= bits */
export function nf_bn_shl(a: usize, bits: i32): void {
  const n = nf_bn_len(a);
  if (n == 0 || bits == 0) return;
  const ls = bits >> 5, bs = bits & 31;
  if (bs == 0) {
    for (let i = n - 1; i >= 0; i--) setLimb(a, i + ls, getLimb(a, i));
    for (let i = 0; i < ls; i++) setLimb(a, i, 0);
    store<i32>(a, n + ls);
    return;
  }
  setLimb(a, n + ls, getLimb(a, n - 1) >> (32 - bs));
  for (let i = n - 1; i > 0; i--) {
    setLimb(a, i + ls, (getLimb(a, i) << bs) | (getLimb(a, i - 1) >> (32 - bs)));
  }
  setLimb(a, ls, getLimb(a, 0) << bs);
  for (let i = 0; i < ls; i++) setLimb(a, i, 0);
  normalize(a, n + ls + 1);
}

/** dst = a + b (dst may alias a or b) */
export function nf_bn_add(dst: usize, a: usize, b: usize): void {
  const na = nf_bn_len(a), nb = nf_bn_len(b);
  const n = na > nb ? na : nb;
  let carry: u64 = 0;
  for (let i = 0; i < n; i++) {
    const x = i < na ? <u64>getLimb(a, i) : 0;
    const y = i < nb ? <u64>getLimb(b, i) : 0;
    const s = x + y + carry;
    setLimb(dst, i, <u32>s);
    carry = s >> 32;
  }
  if (carry != 0) {
    setLimb(dst, n, 1);
    store<i32>(dst, n + 1);
  } else {
    store<i32>(dst, n);
  }
}

/** a -= b, requires a >= b */
export function nf_bn_sub(a: usize, b: usize): void {
  const na = nf_bn_len(a), nb = nf_bn_len(b);
  let borrow: i64 = 0;
  for (let i = 0; i < na; i++) {
    const y = i < nb ? <i64>getLimb(b, i) : 0;
    let d = <i64>getLimb(a, i) - y - borrow;
    if (d < 0) {
      d += <i64>0x100000000;
      borrow = 1;
    } else {
      borrow = 0;
    }
    setLimb(a, i, <u32>d);
    if (i >= nb && borrow == 0) break;
  }
  normalize(a, na);
}

/** sign of a - b */
export function nf_bn_cmp(a: usize, b: usize): i32 {
  const na = nf_bn_len(a), nb = nf_bn_len(b);
  if (na != nb) return na > nb ? 1 : -1;
  for (let i = na - 1; i >= 0; i--) {
    const x = getLimb(a, i), y = getLimb(b, i);
    if (x != y) return x > y ? 1 : -1;
  }
  return 0;
}

/** a /= d, returns a % d */
export function nf_bn_divmod_small(a: usize, d: u32): u32 {
  const n = nf_bn_len(a);
  let rem: u64 = 0;
  for (let i = n - 1; i >= 0; i--) {
    const cur = (rem << 32) | <u64>getLimb(a, i);
    setLimb(a, i, <u32>(cur / <u64>d));
    rem = cur % <u64>d;
  }
  normalize(a, n);
  return <u32>rem;
}

/** number of significant bits */
function bn_bitlen(a: usize): i32 {
  const n = nf_bn_len(a);
  if (n == 0) return 0;
  return (n << 5) - <i32>clz<u32>(getLimb(a, n - 1));
}

// ---------------------------------------------------------------------------------------------
// Small text helpers

/** Write the decimal digits of v at p; return the count. */
function writeU64(p: usize, v: u64): i32 {
  let n = 0;
  do {
    store<u8>(U64TMP + <usize>n, <u8>(48 + <i32>(v % 10)));
    v /= 10;
    n++;
  } while (v != 0);
  for (let i = 0; i < n; i++) store<u8>(p + <usize>i, load<u8>(U64TMP + <usize>(n - 1 - i)));
  return n;
}

/** Write the 9 digits of a chunk (zero-padded) at p. */
function write9(p: usize, v: u32): void {
  for (let i = 8; i >= 0; i--) {
    store<u8>(p + <usize>i, <u8>(48 + v % 10));
    v /= 10;
  }
}

/** Write the decimal digits of bignum a (destroyed) at p; return the count. */
function writeBig(p: usize, a: usize): i32 {
  let nc = 0;
  while (!nf_bn_is_zero(a)) {
    store<u32>(CHUNKS + (<usize>nc << 2), nf_bn_divmod_small(a, 1000000000));
    nc++;
  }
  if (nc == 0) {
    store<u8>(p, 48);
    return 1;
  }
  let n = writeU64(p, <u64>load<u32>(CHUNKS + (<usize>(nc - 1) << 2)));
  for (let i = nc - 2; i >= 0; i--) {
    write9(p + <usize>n, load<u32>(CHUNKS + (<usize>i << 2)));
    n += 9;
  }
  return n;
}

function writeSpecial(buf: usize, x: f64): i32 {
  if (isNaN(x)) {
    store<u8>(buf, 78); // N
    store<u8>(buf + 1, 97); // a
    store<u8>(buf + 2, 78); // N
    return 3;
  }
  let n = 0;
  if (x < 0) {
    store<u8>(buf, 45);
    n = 1;
  }
  store<u8>(buf + <usize>n, 105); // i
  store<u8>(buf + <usize>n + 1, 110); // n
  store<u8>(buf + <usize>n + 2, 102); // f
  return n + 3;
}

/** Add one unit in the last place to the decimal text at [start, end) (digits and at most one '.');
 *  return the new end (one more byte when the carry runs out of the leading digit). */
function roundUpText(start: usize, end: usize): usize {
  let p = end;
  while (p > start) {
    p--;
    const c = load<u8>(p);
    if (c == 46) continue; // '.'
    if (c == 57) {
      store<u8>(p, 48);
      continue;
    }
    store<u8>(p, c + 1);
    return end;
  }
  // all nines: "99.9" -> "100.0"
  memory.copy(start + 1, start, end - start);
  store<u8>(start, 49);
  return end + 1;
}

// ---------------------------------------------------------------------------------------------
// Public API

/** Decimal text of x; at most 20 bytes. */
export function fmt_i64(buf: usize, x: i64): i32 {
  if (x < 0) {
    store<u8>(buf, 45);
    return 1 + writeU64(buf + 1, <u64>0 - <u64>x);
  }
  return writeU64(buf, <u64>x);
}

/** Rust `{:.prec}` of x (prec >= 0): exact value rounded half-to-even to prec decimals. */
export function fmt_f64_prec(buf: usize, x: f64, prec: i32): i32 {
  if (!isFinite(x)) return writeSpecial(buf, x);
  if (prec < 0) prec = 0;
  const bits = reinterpret<u64>(x);
  let p = buf;
  if ((bits >> 63) != 0) {
    store<u8>(p, 45);
    p++;
  }
  const be = <i32>((bits >> 52) & 0x7ff);
  const f = bits & 0xfffffffffffff;
  let m: u64, e: i32;
  if (be == 0) {
    m = f;
    e = -1074;
  } else {
    m = f | (<u64>1 << 52);
    e = be - 1075;
  }
  if (m == 0) e = 0;
  const digitsStart = p;

  if (e >= 0) {
    // integer: m * 2^e, no fraction
    if (e <= 10) {
      p += <usize>writeU64(p, m << e);
    } else {
      nf_bn_set_u64(BN_T, m);
      nf_bn_shl(BN_T, e);
      p += <usize>writeBig(p, BN_T);
    }
    if (prec > 0) {
      store<u8>(p, 46);
      p++;
      memory.fill(p, 48, <usize>prec);
      p += <usize>prec;
    }
    return <i32>(p - buf);
  }

  const sh = -e; // fraction bits
  if (sh <= 60) {
    const ip = m >> sh;
    const mask = (<u64>1 << sh) - 1;
    let fr = m & mask;
    p += <usize>writeU64(p, ip);
    if (prec > 0) {
      store<u8>(p, 46);
      p++;
    }
    let i = 0;
    while (i < prec && fr != 0) {
      fr *= 10;
      store<u8>(p, <u8>(48 + <i32>(fr >> sh)));
      fr &= mask;
      p++;
      i++;
    }
    if (i < prec) {
      memory.fill(p, 48, <usize>(prec - i));
      p += <usize>(prec - i);
    }
    if (fr != 0) {
      const half = <u64>1 << (sh - 1);
      if (fr > half || (fr == half && (load<u8>(p - 1) & 1) != 0)) {
        p = roundUpText(digitsStart, p);
      }
    }
    return <i32>(p - buf);
  }

  // sh > 60: the integer part is 0 (m < 2^53); the fraction m / 2^sh as a bignum
  store<u8>(p, 48);
  p++;
  if (prec > 0) {
    store<u8>(p, 46);
    p++;
  }
  nf_bn_set_u64(BN_T, m);
  const li = sh >> 5, lb = sh & 31;
  let i = 0;
  while (i < prec && !nf_bn_is_zero(BN_T)) {
    nf_bn_mul_small(BN_T, 10);
    // the digit is the bits at [sh, sh+4)
    let d: u32 = 0;
    const n = nf_bn_len(BN_T);
    if (li < n) d = getLimb(BN_T, li) >> lb;
    if (lb > 28 && li + 1 < n) d |= getLimb(BN_T, li + 1) << (32 - lb);
    d &= 15;
    store<u8>(p, <u8>(48 + d));
    p++;
    i++;
    // clear the bits >= sh
    if (li < n) {
      setLimb(BN_T, li, lb == 0 ? 0 : getLimb(BN_T, li) & ((<u32>1 << lb) - 1));
      normalize(BN_T, li + 1);
    }
  }
  if (i < prec) {
    memory.fill(p, 48, <usize>(prec - i));
    p += <usize>(prec - i);
  }
  if (!nf_bn_is_zero(BN_T)) {
    // compare the rest with 1/2 = 2^(sh-1)
    const bl = bn_bitlen(BN_T);
    if (bl == sh) {
      // >= half; exactly half when no bit below sh-1 is set
      let exact = true;
      const hi = sh - 1;
      const hl = hi >> 5, hb = hi & 31;
      if ((getLimb(BN_T, hl) & ((<u32>1 << hb) - 1)) != 0) exact = false;
      for (let k = 0; exact && k < hl; k++) if (getLimb(BN_T, k) != 0) exact = false;
      if (!exact || (load<u8>(p - 1) & 1) != 0) p = roundUpText(digitsStart, p);
    }
  }
  return <i32>(p - buf);
}

// decimal exponent of the last shortest() call: value = 0.d1d2...dn * 10^SHORT_K
let SHORT_K: i32 = 0;

/** Shortest round-trip digits of m * 2^e (m > 0, e < 0 as for every non-integral double) into
 *  DIGITS; returns the digit count and sets SHORT_K. asym: m is a normal power of two (the gap
 *  below is half the gap above). */
function shortest(m: u64, e: i32, asym: bool): i32 {
  const inclusive = (m & 1) == 0;
  // v = r / s, v - mm/s .. v + mp/s is the rounding interval (times 2)
  if (e >= 0) {
    // an integral value (only from nf_shortest_digits): r = 2v (4v), s = 2 (4), mm = 2^e, mp = mm (2mm)
    nf_bn_set_u64(BN_R, m);
    nf_bn_shl(BN_R, e + (asym ? 2 : 1));
    nf_bn_set_u64(BN_S, asym ? 4 : 2);
    nf_bn_set_u64(BN_MP, 1);
    nf_bn_shl(BN_MP, asym ? e + 1 : e);
    nf_bn_set_u64(BN_MM, 1);
    nf_bn_shl(BN_MM, e);
  } else if (asym) {
    nf_bn_set_u64(BN_R, m << 2);
    nf_bn_set_u64(BN_S, 1);
    nf_bn_shl(BN_S, 2 - e);
    nf_bn_set_u64(BN_MP, 2);
  } else {
    nf_bn_set_u64(BN_R, m << 1);
    nf_bn_set_u64(BN_S, 1);
    nf_bn_shl(BN_S, 1 - e);
    nf_bn_set_u64(BN_MP, 1);
  }
  if (e < 0) nf_bn_set_u64(BN_MM, 1);
  // estimate k = ceil(log10(v)), never too high
  const b = 64 - <i32>clz<u64>(m);
  let k = <i32>Math.ceil(<f64>(b - 1 + e) * 0.30102999566398119521 - 1e-10);
  if (k >= 0) {
    nf_bn_mul_pow10(BN_S, k);
  } else {
    // r, mp, mm *= 10^-k, as 5^-k with s divided by 2^-k (s is a power of two > 10^-k)
    bn_mul_pow5(BN_R, -k);
    bn_mul_pow5(BN_MP, -k);
    bn_mul_pow5(BN_MM, -k);
    nf_bn_set_u64(BN_S, 1);
    nf_bn_shl(BN_S, (asym ? 2 - e : 1 - e) + k);
  }
  // fix up: make (r + mp) / s < 1 (<= 1 when not inclusive)
  while (true) {
    nf_bn_add(BN_T, BN_R, BN_MP);
    const c = nf_bn_cmp(BN_T, BN_S);
    if (inclusive ? c >= 0 : c > 0) {
      nf_bn_mul_small(BN_S, 10);
      k++;
    } else break;
  }
  nf_bn_add(BN_S2, BN_S, BN_S);
  nf_bn_add(BN_S4, BN_S2, BN_S2);
  nf_bn_add(BN_S8, BN_S4, BN_S4);
  let n = 0;
  while (true) {
    nf_bn_mul_small(BN_R, 10);
    nf_bn_mul_small(BN_MP, 10);
    nf_bn_mul_small(BN_MM, 10);
    // the digit r / s (< 10) by binary long division
    let d: i32 = 0;
    if (nf_bn_cmp(BN_R, BN_S8) >= 0) {
      nf_bn_sub(BN_R, BN_S8);
      d = 8;
    }
    if (nf_bn_cmp(BN_R, BN_S4) >= 0) {
      nf_bn_sub(BN_R, BN_S4);
      d += 4;
    }
    if (nf_bn_cmp(BN_R, BN_S2) >= 0) {
      nf_bn_sub(BN_R, BN_S2);
      d += 2;
    }
    if (nf_bn_cmp(BN_R, BN_S) >= 0) {
      nf_bn_sub(BN_R, BN_S);
      d += 1;
    }
    const cl = nf_bn_cmp(BN_R, BN_MM);
    const low = inclusive ? cl <= 0 : cl < 0;
    nf_bn_add(BN_T, BN_R, BN_MP);
    const ch = nf_bn_cmp(BN_T, BN_S);
    const high = inclusive ? ch >= 0 : ch > 0;
    if (!low && !high && n < 40) {
      store<u8>(DIGITS + <usize>n, <u8>d);
      n++;
      continue;
    }
    let up = high;
    if (high && low) {
      // both candidates qualify: the closer one, a tie goes up
      nf_bn_add(BN_T, BN_R, BN_R);
      up = nf_bn_cmp(BN_T, BN_S) >= 0;
    }
    if (up) {
      d++;
      // carry (not expected to happen, kept for safety)
      let j = n;
      while (d == 10) {
        if (j == 0) {
          d = 1;
          k++;
          break;
        }
        j--;
        d = <i32>load<u8>(DIGITS + <usize>j) + 1;
        n = j;
      }
    }
    store<u8>(DIGITS + <usize>n, <u8>d);
    n++;
    break;
  }
  while (n > 1 && load<u8>(DIGITS + <usize>(n - 1)) == 0) n--;
  SHORT_K = k;
  return n;
}

const POW10_U64: usize = memory.data<u64>([
  1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000,
  100000000000, 1000000000000, 10000000000000, 100000000000000, 1000000000000000,
  10000000000000000, 100000000000000000, 1000000000000000000,
]);
const LIMIT60: u64 = <u64>1 << 60;

/** The same digit generation as shortest() in u64 arithmetic, for the common case where the scaled
 *  denominator stays below 2^60 (roughly 2^-6 <= |x| < 2^53). Returns -1 when not applicable. */
function shortest64(m: u64, e: i32, asym: bool): i32 {
  const sbits = asym ? 2 - e : 1 - e;
  if (sbits > 59) return -1;
  const inclusive = (m & 1) == 0;
  let r: u64 = asym ? m << 2 : m << 1;
  let s: u64 = <u64>1 << sbits;
  let mp: u64 = asym ? 2 : 1;
  let mm: u64 = 1;
  const b = 64 - <i32>clz<u64>(m);
  let k = <i32>Math.ceil(<f64>(b - 1 + e) * 0.30102999566398119521 - 1e-10);
  if (k >= 0) {
    if (k > 18) return -1;
    const p = load<u64>(POW10_U64 + (<usize>k << 3));
    if (p > (LIMIT60 >> sbits)) return -1;
    s *= p;
  } else {
    if (-k > 18) return -1;
    const p = load<u64>(POW10_U64 + (<usize>(-k) << 3));
    if (r > LIMIT60 / p) return -1;
    r *= p;
    mp *= p;
    mm *= p;
  }
  while (inclusive ? r + mp >= s : r + mp > s) {
    if (s > LIMIT60 / 10) return -1;
    s *= 10;
    k++;
  }
  let n = 0;
  while (true) {
    r *= 10;
    mp *= 10;
    mm *= 10;
    let d = <i32>(r / s);
    r %= s;
    const low = inclusive ? r <= mm : r < mm;
    const high = inclusive ? r + mp >= s : r + mp > s;
    if (!low && !high) {
      if (n >= 40) return -1;
      store<u8>(DIGITS + <usize>n, <u8>d);
      n++;
      continue;
    }
    const up = high && (!low || 2 * r >= s);
    if (up) {
      d++;
      if (d == 10) return -1; // carry: let the bignum path handle it
    }
    store<u8>(DIGITS + <usize>n, <u8>d);
    n++;
    break;
  }
  while (n > 1 && load<u8>(DIGITS + <usize>(n - 1)) == 0) n--;
  SHORT_K = k;
  return n;
}

/** The shortest round-trip digits of |x| (finite, nonzero) as values 0..9 at the returned address:
 *  |x| = 0.d1d2...dn * 10^k with n = nf_short_count(), k = nf_short_exp(). */
export function nf_shortest_digits(x: f64): usize {
  const bits = reinterpret<u64>(x);
  const be = <i32>((bits >> 52) & 0x7ff);
  const f = bits & 0xfffffffffffff;
  if (be == 0) SHORT_N = shortest(f, -1074, false);
  else {
    const m = f | (<u64>1 << 52), e = be - 1075;
    SHORT_N = e < 0 ? shortest64(m, e, f == 0) : -1;
    if (SHORT_N < 0) SHORT_N = shortest(m, e, f == 0);
  }
  return DIGITS;
}
let SHORT_N: i32 = 0;
export function nf_short_count(): i32 { return SHORT_N; }
export function nf_short_exp(): i32 { return SHORT_K; }

/** Ruchy's display of a float (see the file comment). */
export function fmt_f64(buf: usize, x: f64): i32 {
  if (!isFinite(x)) return writeSpecial(buf, x);
  if (x == Math.trunc(x)) {
    // integral (also +-0): exact digits and ".0"
    if (Math.abs(x) < 9223372036854775808.0) {
      let p = buf;
      if ((reinterpret<u64>(x) >> 63) != 0) {
        store<u8>(p, 45);
        p++;
      }
      p += <usize>writeU64(p, <u64>Math.abs(x));
      store<u8>(p, 46);
      store<u8>(p + 1, 48);
      return <i32>(p + 2 - buf);
    }
    return fmt_f64_prec(buf, x, 1);
  }
  const bits = reinterpret<u64>(x);
  let p = buf;
  if ((bits >> 63) != 0) {
    store<u8>(p, 45);
    p++;
  }
  const be = <i32>((bits >> 52) & 0x7ff);
  const f = bits & 0xfffffffffffff;
  let n: i32;
  if (be == 0) n = shortest(f, -1074, false);
  else {
    const m = f | (<u64>1 << 52), e = be - 1075;
    n = shortest64(m, e, f == 0);
    if (n < 0) n = shortest(m, e, f == 0);
  }
  const k = SHORT_K;
  if (k <= 0) {
    store<u8>(p, 48);
    store<u8>(p + 1, 46);
    p += 2;
    if (k < 0) {
      memory.fill(p, 48, <usize>(-k));
      p += <usize>(-k);
    }
    for (let i = 0; i < n; i++) store<u8>(p + <usize>i, 48 + load<u8>(DIGITS + <usize>i));
    p += <usize>n;
  } else if (k < n) {
    for (let i = 0; i < k; i++) store<u8>(p + <usize>i, 48 + load<u8>(DIGITS + <usize>i));
    p += <usize>k;
    store<u8>(p, 46);
    p++;
    for (let i = k; i < n; i++) {
      store<u8>(p, 48 + load<u8>(DIGITS + <usize>i));
      p++;
    }
  } else {
    // integral digits (cannot happen for a non-integral double; kept for safety)
    for (let i = 0; i < n; i++) store<u8>(p + <usize>i, 48 + load<u8>(DIGITS + <usize>i));
    p += <usize>n;
    memory.fill(p, 48, <usize>(k - n));
    p += <usize>(k - n);
    store<u8>(p, 46);
    store<u8>(p + 1, 48);
    p += 2;
  }
  return <i32>(p - buf);
}

/** An upper bound of the bytes fmt_f64 (prec < 0) or fmt_f64_prec(x, prec) writes for x. */
export function fmt_f64_len_bound(x: f64, prec: i32): i32 {
  if (!isFinite(x)) return 4;
  const be = <i32>((reinterpret<u64>(x) >> 52) & 0x7ff);
  const e2 = be - 1022; // |x| < 2^e2
  // integer digits: at most floor(e2 * log10(2)) + 1
  const intDigits = e2 <= 0 ? 1 : <i32>(<f64>e2 * 0.30102999566398119521) + 2;
  if (prec < 0) {
    // integral: sign, digits, ".0"; otherwise: sign, "0.", up to 323 zeros and 17 digits
    const frac = 1 + 2 + 324 + 17;
    const integral = 1 + intDigits + 2;
    return integral > frac ? integral : frac;
  }
  return 1 + intDigits + 1 + prec;
}
