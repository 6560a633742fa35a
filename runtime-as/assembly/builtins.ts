// Builtin functions: conversions, math, range(), iteration helpers.
import { K_STR, K_ARRAY, K_RANGE, K_MAP, EK_REF, EK_INT, kindOf } from './abi';
import { rt_arr_new, rt_arr_push_i64, pushOwned, alen, arrCopy } from './array';
import { rt_retain } from './rc';
import { rt_box_i64 } from './box';
import { substrBytes, utf8SeqLen, slen, sdata } from './str';
import { rt_map_entries } from './map';
import { panicWithType } from './dyn';
import { panicLit } from './panic';

/** range(start, end, step) as an int array */
export function rt_range_to_array(start: i64, end: i64, step: i64, line: i32): usize {
  if (step == 0) panicLit("range step cannot be zero", line);
  let a = rt_arr_new(EK_INT, 0);
  if (step > 0) for (let i = start; i < end; i += step) a = rt_arr_push_i64(a, i);
  else for (let i = start; i > end; i += step) a = rt_arr_push_i64(a, i);
  return a;
}

/** an array of boxed values to iterate over any iterable: array (boxed elements), range, str (chars), map ((k, v) tuples) */
export function rt_iter_array(v: usize, line: i32): usize {
  const k = kindOf(v);
  if (k == K_ARRAY) {
    if (kindOf(v) == K_ARRAY && load<u8>(v, 5) == EK_REF) { rt_retain(v); return v; }
    return boxedCopy(v);
  }
  if (k == K_RANGE) {
    if ((load<i32>(v, 24) & 6) != 0) panicLit("cannot iterate over an unbounded range here", line);
    const s = load<i64>(v, 8), e = load<i64>(v, 16), inc = (load<i32>(v, 24) & 1) != 0;
    let a = rt_arr_new(EK_REF, 0);
    if (inc) { for (let i = s; i <= e; i++) { a = pushOwned(a, rt_box_i64(i)); if (i == i64.MAX_VALUE) break; } }
    else for (let i = s; i < e; i++) a = pushOwned(a, rt_box_i64(i));
    return a;
  }
  if (k == K_STR) return strChars(v);
  if (k == K_MAP) return rt_map_entries(v);
  panicWithType("cannot iterate over ", v, line);
  return 0;
}

import { boxAt } from './box';
import { elemAddr, aek } from './array';
export function boxedCopy(a: usize): usize {
  const n = alen(a);
  let r = rt_arr_new(EK_REF, n);
  for (let i = 0; i < n; i++) r = pushOwned(r, boxAt(elemAddr(a, i), aek(a)));
  return r;
}

/** the characters of a string as an array of one-character strings */
export function strChars(s: usize): usize {
  const n = slen(s);
  let a = rt_arr_new(EK_REF, n);
  let o = 0;
  while (o < n) {
    const l = utf8SeqLen(load<u8>(sdata(s) + <usize>o));
    const e = o + l > n ? n : o + l;
    a = pushOwned(a, substrBytes(s, o, e));
    o = e;
  }
  return a;
}

// ---------------------------------------------------------------- unwrap, expect, asserts
import { K_ENUM, K_NIL, K_BOOL, K_INT, K_FLOAT, T_NONE, T_SOME, T_OK, T_ERR, tidOf } from './abi';
import { rt_str_from_lit, rt_str_append, appendLit, rt_str_new, rt_str_append_f64, appendI64 } from './str';
import { appendDebug, rt_display, rt_str_append_display } from './display';
import { rt_panic } from './panic';
import { rt_eq } from './compare';
import { rt_box_f64, rt_box_bool, rt_nil } from './box';
import { rt_release } from './rc';
import { rt_str_to_float, rt_str_trim } from './str_methods';
import { parse_i64, parse_f64 } from './numparse';

const NUMOUT: usize = memory.data(8, 8);

/** Some(x) / Ok(x) -> x (owned); None / Err(e) panic */
export function rt_unwrap(v: usize, line: i32): usize {
  if (kindOf(v) == K_ENUM) {
    const t = tidOf(v);
    if (t == T_SOME || t == T_OK) { const x = <usize>load<u32>(v, 8); rt_retain(x); return x; }
    if (t == T_NONE) rt_panic(rt_str_from_lit("called `Option::unwrap()` on a `None` value"), line);
    if (t == T_ERR) {
      const s = rt_str_from_lit("called `Result::unwrap()` on an `Err` value: ");
      rt_panic(appendDebug(s, <usize>load<u32>(v, 8)), line);
    }
  }
  if (kindOf(v) == K_NIL) rt_panic(rt_str_from_lit("called `unwrap()` on nil"), line);
  rt_retain(v);
  return v;
}

/** like unwrap, panicking with msg (Err: "msg: e") */
export function rt_expect(v: usize, msg: usize, line: i32): usize {
  if (kindOf(v) == K_ENUM) {
    const t = tidOf(v);
    if (t == T_SOME || t == T_OK) { const x = <usize>load<u32>(v, 8); rt_retain(x); return x; }
    if (t == T_NONE) rt_panic(msg, line);
    if (t == T_ERR) {
      let s = rt_str_append(rt_str_new(16), msg);
      s = appendLit(s, ": ");
      rt_panic(appendDebug(s, <usize>load<u32>(v, 8)), line);
    }
  }
  if (kindOf(v) == K_NIL) rt_panic(msg, line);
  rt_retain(v);
  return v;
}

/** Some(x) / Ok(x) -> x, otherwise dflt (both owned results) */
export function rt_unwrap_or(v: usize, dflt: usize): usize {
  let x = dflt;
  if (kindOf(v) == K_ENUM && (tidOf(v) == T_SOME || tidOf(v) == T_OK)) x = <usize>load<u32>(v, 8);
  else if (kindOf(v) != K_ENUM && kindOf(v) != K_NIL) x = v;
  rt_retain(x);
  return x;
}

export function rt_is_some(v: usize): i32 { return kindOf(v) == K_ENUM && tidOf(v) == T_SOME ? 1 : 0; }
export function rt_is_none(v: usize): i32 { return (kindOf(v) == K_ENUM && tidOf(v) == T_NONE) || kindOf(v) == K_NIL ? 1 : 0; }
export function rt_is_ok(v: usize): i32 { return kindOf(v) == K_ENUM && tidOf(v) == T_OK ? 1 : 0; }
export function rt_is_err(v: usize): i32 { return kindOf(v) == K_ENUM && tidOf(v) == T_ERR ? 1 : 0; }

/** assert_eq(a, b): Rust's message with both values shown */
export function rt_assert_eq(a: usize, b: usize, line: i32): void { rt_assert_cmp(a, b, 0, 0, line); }
export function rt_assert_ne(a: usize, b: usize, line: i32): void { rt_assert_cmp(a, b, 1, 0, line); }
/**
 * assert_eq / assert_ne (`ne` != 0) with an optional message (STR, 0 for none), which Rust puts
 * after `failed: ` on the first line of the panic.
 */
export function rt_assert_cmp(a: usize, b: usize, ne: i32, msg: usize, line: i32): void {
  if ((rt_eq(a, b) != 0) != (ne != 0)) return;
  let s = rt_str_from_lit(ne != 0 ? "assertion `left != right` failed" : "assertion `left == right` failed");
  if (msg != 0) {
    s = appendLit(s, ": ");
    s = rt_str_append(s, msg);
  }
  s = appendLit(s, "\n  left: ");
  s = appendDebug(s, a);
  s = appendLit(s, "\n right: ");
  s = appendDebug(s, b);
  rt_panic(s, line);
}

// ---------------------------------------------------------------- conversions
/** str(v): the value as println shows it */
export function rt_str_of(v: usize): usize { return rt_display(v); }
export function rt_i64_to_str(v: i64): usize { return appendI64(rt_str_new(20), v); }
export function rt_f64_to_str(v: f64): usize { return rt_str_append_f64(rt_str_new(24), v); }
export function rt_bool_to_str(v: i32): usize { return rt_str_from_lit(v != 0 ? "true" : "false"); }

function parseFail(s: usize, what: string, line: i32): void {
  let m = rt_str_from_lit("cannot parse '");
  m = rt_str_append(m, s);
  m = appendLit(m, "' as ");
  m = appendLit(m, what);
  rt_panic(m, line);
}
/** int(v): ints, floats truncated (saturating), bools, strings parsed (no whitespace) */
export function rt_int_of(v: usize, line: i32): i64 {
  const k = kindOf(v);
  if (k == K_INT) return load<i64>(v, 8);
  if (k == K_FLOAT) return f64ToI64(load<f64>(v, 8));
  if (k == K_BOOL) return <i64>load<i32>(v, 8);
  if (k == K_STR) return rt_parse_int(v, line);
  panicWithType("cannot convert to int: ", v, line);
  return 0;
}
/** Rust's `as i64`: truncation toward zero, saturating, NaN -> 0 */
export function f64ToI64(x: f64): i64 {
  if (isNaN(x)) return 0;
  if (x >= 9223372036854775807.0) return i64.MAX_VALUE;
  if (x <= -9223372036854775808.0) return i64.MIN_VALUE;
  return <i64>x;
}
export function rt_float_of(v: usize, line: i32): f64 {
  const k = kindOf(v);
  if (k == K_FLOAT) return load<f64>(v, 8);
  if (k == K_INT) return <f64>load<i64>(v, 8);
  if (k == K_BOOL) return <f64>load<i32>(v, 8);
  if (k == K_STR) return rt_parse_float(v, line);
  panicWithType("cannot convert to float: ", v, line);
  return 0;
}
/** parse_int(s): Rust's i64::from_str (no whitespace) */
export function rt_parse_int(s: usize, line: i32): i64 {
  if (!parse_i64(s + 20, load<i32>(s, 8), NUMOUT)) parseFail(s, "int", line);
  return load<i64>(NUMOUT);
}
export function rt_parse_float(s: usize, line: i32): f64 {
  if (!parse_f64(s + 20, load<i32>(s, 8), NUMOUT)) parseFail(s, "float", line);
  return load<f64>(NUMOUT);
}

// ---------------------------------------------------------------- math
export function rt_abs_i64(x: i64, line: i32): i64 {
  if (x == i64.MIN_VALUE) rt_panic_overflow(line);
  return x < 0 ? -x : x;
}
export function rt_abs_f64(x: f64): f64 { return Math.abs(x); }
export function rt_min_i64(a: i64, b: i64): i64 { return a < b ? a : b; }
export function rt_max_i64(a: i64, b: i64): i64 { return a > b ? a : b; }
export function rt_min_f64(a: f64, b: f64): f64 { return a < b ? a : b; }
export function rt_max_f64(a: f64, b: f64): f64 { return a > b ? a : b; }
export function rt_sqrt_f64(x: f64): f64 { return Math.sqrt(x); }
export function rt_floor_f64(x: f64): f64 { return Math.floor(x); }
export function rt_ceil_f64(x: f64): f64 { return Math.ceil(x); }
/** Rust's round: half away from zero */
export function rt_round_f64(x: f64): f64 {
  const r = Math.round(Math.abs(x));
  const t = Math.abs(x) - Math.floor(Math.abs(x)) == 0.5 ? Math.floor(Math.abs(x)) + 1 : r;
  return x < 0 ? -t : t;
}
/** floor / ceil / round as the builtin functions: integers */
export function rt_floor_int(x: f64): i64 { return f64ToI64(Math.floor(x)); }
export function rt_ceil_int(x: f64): i64 { return f64ToI64(Math.ceil(x)); }
export function rt_round_int(x: f64): i64 { return f64ToI64(rt_round_f64(x)); }
export function rt_f64_to_int(x: f64): i64 { return f64ToI64(x); }
export function rt_i64_to_f64(x: i64): f64 { return <f64>x; }
export function rt_pow_f64(a: f64, b: f64): f64 { return Math.pow(a, b); }
export function rt_int_pow_m(a: i64, b: i64, line: i32): i64 {
  if (b < 0) panicLit("Integer pow() exponent must be non-negative", line);
  return rt_int_pow(a, b, line);
}
import { rt_int_pow, panicWithType as pwt } from './dyn';
import { rt_panic_overflow } from './panic';
import { rt_cmp } from './compare';

/** min / max / abs on untyped numbers (mixed int and float give a float) */
export function rt_dyn_min(a: usize, b: usize, line: i32): usize { return minmax(a, b, -1, line); }
export function rt_dyn_max(a: usize, b: usize, line: i32): usize { return minmax(a, b, 1, line); }
function minmax(a: usize, b: usize, sign: i32, line: i32): usize {
  const ka = kindOf(a), kb = kindOf(b);
  if ((ka == K_INT || ka == K_FLOAT) && (kb == K_INT || kb == K_FLOAT) && ka != kb) {
    const x = rt_float_of(a, line), y = rt_float_of(b, line);
    return rt_box_f64(sign < 0 ? (x <= y ? x : y) : (x >= y ? x : y));
  }
  const c = rt_cmp(a, b);
  const r = sign < 0 ? (c <= 0 ? a : b) : (c >= 0 ? a : b);
  rt_retain(r);
  return r;
}
export function rt_dyn_abs(a: usize, line: i32): usize {
  const k = kindOf(a);
  if (k == K_INT) return rt_box_i64(rt_abs_i64(load<i64>(a, 8), line));
  if (k == K_FLOAT) return rt_box_f64(Math.abs(load<f64>(a, 8)));
  pwt("abs() expects a number, found ", a, line);
  return 0;
}
export function rt_dyn_pow_fn(a: usize, b: usize, line: i32): usize {
  const ka = kindOf(a), kb = kindOf(b);
  if (ka == K_INT && kb == K_INT && load<i64>(b, 8) >= 0) return rt_box_i64(rt_int_pow(load<i64>(a, 8), load<i64>(b, 8), line));
  return rt_box_f64(Math.pow(rt_float_of(a, line), rt_float_of(b, line)));
}
export function rt_i64_id(x: i64): i64 { return x; }
export function rt_f64_id(x: f64): f64 { return x; }
