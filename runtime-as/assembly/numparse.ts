// Text -> number, as pure functions over raw byte buffers (no AS-managed objects).
//
//   parse_i64(ptr, len, out)  Rust's i64::from_str: optional '+' or '-', then one or more ASCII
//                             digits, nothing else (no whitespace, no '_'); overflow fails.
//   parse_f64(ptr, len, out)  Rust's f64::from_str: optional sign, then "inf" / "infinity" /
//                             "nan" (any case) or  Digits ['.' Digits?] | '.' Digits, then an
//                             optional exponent 'e'/'E' [sign] Digits; nothing else (no whitespace,
//                             no '_', no hex). Too large gives +-inf, too small +-0. Correctly
//                             rounded (round-half-to-even on the exact decimal value).
//
//   parse_i64_trim(ptr, len, out)  Rust's `s.trim().parse::<i64>()` (Unicode White_Space trimmed)
//
// The reference trims surrounding whitespace for `str.parse()` / `str.to_int()` (both parse an i64:
// use parse_i64_trim) but not for `int()`, `parse_int()` (parse_i64), `float()`, `parse_float()`
// (parse_f64).
// Both return false (and leave out untouched) when the text is not a number.
//
// Exact algorithm for parse_f64: up to 780 significant digits are kept (more are folded into a
// sticky digit, which cannot change the rounding). Short inputs (<= 15 digits, |exp| <= 22) are
// computed exactly by one f64 multiplication or division. Otherwise a close guess is refined
// against the exact value with bignum comparisons of the decimal value and the midpoints between
// adjacent doubles.

import {
  nf_bn_len, nf_bn_set_u64, nf_bn_copy, nf_bn_mul_small, nf_bn_mul_pow10, nf_bn_mul_u64,
  nf_bn_shl, nf_bn_cmp, nf_bn_add, NF_BN_CAP,
} from './numfmt';

const MAXD: i32 = 780;
const DIG: usize = memory.data(MAXD + 8, 4);
const BN_BYTES: i32 = 4 + NF_BN_CAP * 4;
const BN_DA: usize = memory.data(BN_BYTES, 8); // D * 10^max(E, 0)
const BN_P: usize = memory.data(BN_BYTES, 8); // 10^max(-E, 0)
const BN_A: usize = memory.data(BN_BYTES, 8);
const BN_B: usize = memory.data(BN_BYTES, 8);

const POW10_F64: usize = memory.data<f64>([
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
  1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]);
@inline function pow10f(n: i32): f64 {
  return load<f64>(POW10_F64 + (<usize>n << 3));
}

export function parse_i64(ptr: usize, len: i32, out: usize): bool {
  if (len <= 0) return false;
  let i = 0;
  let neg = false;
  const c0 = load<u8>(ptr);
  if (c0 == 43 || c0 == 45) {
    neg = c0 == 45;
    i = 1;
    if (len == 1) return false;
  }
  const limit: u64 = neg ? <u64>0x8000000000000000 : <u64>0x7fffffffffffffff;
  let acc: u64 = 0;
  for (; i < len; i++) {
    const d = <u32>load<u8>(ptr + <usize>i) - 48;
    if (d > 9) return false;
    if (acc > 922337203685477580) return false;
    acc = acc * 10 + <u64>d;
    if (acc > limit) return false;
  }
  store<i64>(out, neg ? <i64>(<u64>0 - acc) : <i64>acc);
  return true;
}

/** ASCII lower-case of byte c */
@inline function lower(c: u32): u32 {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

// "infinity" and "nan", lower-case ASCII
const W_INFINITY: usize = memory.data<u8>([105, 110, 102, 105, 110, 105, 116, 121]);
const W_NAN: usize = memory.data<u8>([110, 97, 110]);

/** does [p, p+n) equal the first n bytes of the lower-case word at w, ignoring ASCII case? */
function eqWord(p: usize, n: i32, w: usize): bool {
  for (let i = 0; i < n; i++) {
    if (lower(<u32>load<u8>(p + <usize>i)) != <u32>load<u8>(w + <usize>i)) return false;
  }
  return true;
}

/** V = D * 10^E compared with M * 2^K (sign of V - M*2^K). BN_DA, BN_P prepared by the caller. */
function cmpMid(M: u64, K: i32): i32 {
  nf_bn_copy(BN_A, BN_DA);
  nf_bn_mul_u64(BN_B, BN_P, M);
  if (K >= 0) nf_bn_shl(BN_B, K);
  else nf_bn_shl(BN_A, -K);
  return nf_bn_cmp(BN_A, BN_B);
}

const HIDDEN: u64 = <u64>1 << 52;

export function parse_f64(ptr: usize, len: i32, out: usize): bool {
  if (len <= 0) return false;
  let i = 0;
  let neg = false;
  const c0 = load<u8>(ptr);
  if (c0 == 43 || c0 == 45) {
    neg = c0 == 45;
    i = 1;
  }
  if (i == len) return false;
  // special words
  const c1 = lower(<u32>load<u8>(ptr + <usize>i));
  if (c1 == 105 || c1 == 110) {
    const rest = len - i;
    const p = ptr + <usize>i;
    let v: f64;
    if ((rest == 3 || rest == 8) && eqWord(p, rest, W_INFINITY)) v = Infinity;
    else if (rest == 3 && eqWord(p, rest, W_NAN)) v = NaN;
    else return false;
    store<f64>(out, neg ? -v : v);
    return true;
  }

  // digits
  let nd = 0; // significant digits stored in DIG
  let exp10: i64 = 0; // value = D * 10^exp10
  let sticky = false;
  let sawDigit = false;
  let c: u32 = 0;
  // integer part
  for (; i < len; i++) {
    c = <u32>load<u8>(ptr + <usize>i) - 48;
    if (c > 9) break;
    sawDigit = true;
    if (nd == 0 && c == 0) continue;
    if (nd < MAXD) {
      store<u8>(DIG + <usize>nd, <u8>c);
      nd++;
    } else {
      exp10++;
      if (c != 0) sticky = true;
    }
  }
  // fraction
  if (i < len && load<u8>(ptr + <usize>i) == 46) {
    i++;
    for (; i < len; i++) {
      c = <u32>load<u8>(ptr + <usize>i) - 48;
      if (c > 9) break;
      sawDigit = true;
      if (nd == 0 && c == 0) {
        exp10--;
        continue;
      }
      if (nd < MAXD) {
        store<u8>(DIG + <usize>nd, <u8>c);
        nd++;
        exp10--;
      } else if (c != 0) sticky = true;
    }
  }
  if (!sawDigit) return false;
  // exponent
  if (i < len) {
    const ce = load<u8>(ptr + <usize>i);
    if (ce != 101 && ce != 69) return false;
    i++;
    let eneg = false;
    if (i < len) {
      const cs = load<u8>(ptr + <usize>i);
      if (cs == 43 || cs == 45) {
        eneg = cs == 45;
        i++;
      }
    }
    if (i == len) return false;
    let ev: i64 = 0;
    for (; i < len; i++) {
      const d = <u32>load<u8>(ptr + <usize>i) - 48;
      if (d > 9) return false;
      if (ev < 100000000) ev = ev * 10 + <i64>d;
    }
    exp10 += eneg ? -ev : ev;
  }

  let v: f64 = 0;
  if (sticky) {
    store<u8>(DIG + <usize>nd, 1);
    nd++;
    exp10--;
  }
  while (nd > 0 && load<u8>(DIG + <usize>(nd - 1)) == 0) {
    nd--;
    exp10++;
  }
  if (nd == 0) v = 0;
  else if (<i64>nd + exp10 > 310) v = Infinity;
  else if (<i64>nd + exp10 < -324) v = 0;
  else v = decimalToF64(nd, <i32>exp10);
  store<f64>(out, neg ? -v : v);
  return true;
}

/** The double nearest to D * 10^E (D = the nd digits in DIG, no leading or trailing zeros),
 *  ties to even; -324 <= nd + E <= 310. */
function decimalToF64(nd: i32, E: i32): f64 {
  // a guess from the first 19 digits
  const used = nd < 19 ? nd : 19;
  let w: u64 = 0;
  for (let j = 0; j < used; j++) w = w * 10 + <u64>load<u8>(DIG + <usize>j);
  if (nd <= 15 && E >= -22 && E <= 22) {
    // exact: w and 10^|E| are exact doubles, one correctly rounded operation
    return E >= 0 ? <f64>w * pow10f(E) : <f64>w / pow10f(-E);
  }
  let z = <f64>w;
  let e = E + (nd - used);
  while (e > 22) {
    z *= 1e22;
    e -= 22;
  }
  while (e < -22) {
    z /= 1e22;
    e += 22;
  }
  z = e >= 0 ? z * pow10f(e) : z / pow10f(-e);
  if (z > 1.7976931348623157e308) z = 1.7976931348623157e308;

  // exact refinement
  nf_bn_set_u64(BN_DA, 0);
  let j = 0;
  while (j < nd) {
    let chunk: u32 = 0;
    let k = 0;
    while (k < 9 && j < nd) {
      chunk = chunk * 10 + <u32>load<u8>(DIG + <usize>j);
      j++;
      k++;
    }
    nf_bn_mul_pow10(BN_DA, k);
    // BN_DA += chunk
    nf_bn_set_u64(BN_A, <u64>chunk);
    nf_bn_add(BN_DA, BN_DA, BN_A);
  }
  nf_bn_set_u64(BN_P, 1);
  if (E >= 0) nf_bn_mul_pow10(BN_DA, E);
  else nf_bn_mul_pow10(BN_P, -E);

  const bits = reinterpret<u64>(z);
  const be = <i32>((bits >> 52) & 0x7ff);
  let m: u64 = bits & 0xfffffffffffff;
  let k: i32 = -1074;
  if (be != 0) {
    m |= HIDDEN;
    k = be - 1075;
  }
  for (let guard = 0; guard < 4000; guard++) {
    // midpoint with the next double up: (2m + 1) * 2^(k-1)
    let c = cmpMid(2 * m + 1, k - 1);
    if (c > 0 || (c == 0 && (m & 1) != 0)) {
      m++;
      if (m == (HIDDEN << 1)) {
        m = HIDDEN;
        k++;
      } // (subnormal 2^52 - 1 -> 2^52 is the smallest normal, same k)
      if (k > 971) return Infinity;
      continue;
    }
    if (m == 0) break;
    // midpoint with the next double down
    const pow2 = m == HIDDEN && k > -1074;
    c = pow2 ? cmpMid(4 * m - 1, k - 2) : cmpMid(2 * m - 1, k - 1);
    if (c < 0 || (c == 0 && (m & 1) != 0)) {
      if (pow2) {
        m = (HIDDEN << 1) - 1;
        k--;
      } else {
        m--;
      }
      continue;
    }
    break;
  }
  // m * 2^k
  if (m == 0) return 0;
  if (m < HIDDEN) return reinterpret<f64>(m); // subnormal (k == -1074)
  return reinterpret<f64>((<u64>(k + 1075) << 52) | (m & 0xfffffffffffff));
}

// ---------------------------------------------------------------------------------------------
// Whitespace trimming as Rust's str::trim does it (Unicode White_Space, UTF-8 input), for the
// entry points that trim: the reference's `str.parse()` / `str.to_int()` are `s.trim().parse::<i64>()`.

/** byte length of a White_Space code point starting at p (n bytes available), or 0 */
function wsAt(p: usize, n: i32): i32 {
  const c = <u32>load<u8>(p);
  if (c == 32 || (c >= 9 && c <= 13)) return 1;
  if (c == 0xc2 && n >= 2) {
    const c1 = <u32>load<u8>(p + 1);
    return c1 == 0x85 || c1 == 0xa0 ? 2 : 0;
  }
  if (n < 3) return 0;
  const c1 = <u32>load<u8>(p + 1), c2 = <u32>load<u8>(p + 2);
  if (c == 0xe1) return c1 == 0x9a && c2 == 0x80 ? 3 : 0; // U+1680
  if (c == 0xe2) {
    if (c1 == 0x80 && (c2 <= 0x8a && c2 >= 0x80 || c2 == 0xa8 || c2 == 0xa9 || c2 == 0xaf)) return 3; // U+2000-200A, 2028, 2029, 202F
    if (c1 == 0x81 && c2 == 0x9f) return 3; // U+205F
    return 0;
  }
  if (c == 0xe3) return c1 == 0x80 && c2 == 0x80 ? 3 : 0; // U+3000
  return 0;
}

/** byte length of a White_Space code point ending just before end (n bytes available), or 0 */
function wsBefore(end: usize, n: i32): i32 {
  const c = <u32>load<u8>(end - 1);
  if (c < 0x80) return c == 32 || (c >= 9 && c <= 13) ? 1 : 0;
  if (n >= 2 && wsAt(end - 2, 2) == 2) return 2;
  if (n >= 3 && wsAt(end - 3, 3) == 3) return 3;
  return 0;
}

/** Rust's `s.trim().parse::<i64>()` */
export function parse_i64_trim(ptr: usize, len: i32, out: usize): bool {
  while (len > 0) {
    const w = wsAt(ptr, len);
    if (w == 0) break;
    ptr += <usize>w;
    len -= w;
  }
  while (len > 0) {
    const w = wsBefore(ptr + <usize>len, len);
    if (w == 0) break;
    len -= w;
  }
  return parse_i64(ptr, len, out);
}
