// Operators on boxed values (statically untyped code) and type names for messages.
import {
  K_NIL, K_BOOL, K_INT, K_FLOAT, K_STR, K_ARRAY, K_TUPLE, K_STRUCT, K_ENUM, K_MAP, K_CLOSURE,
  K_RANGE, K_CLASS, K_CELL, kindOf, tidOf, descOf, descName,
} from './abi';
import { rt_str_from_lit, rt_str_append, appendLit } from './str';
import { rt_panic } from './panic';

function typeNameLit(v: usize): string {
  switch (kindOf(v)) {
    case K_NIL: return "nil";
    case K_BOOL: return "bool";
    case K_INT: return "int";
    case K_FLOAT: return "float";
    case K_STR: return "str";
    case K_ARRAY: return "array";
    case K_TUPLE: return "tuple";
    case K_STRUCT: return "struct";
    case K_ENUM: return "enum";
    case K_MAP: return "map";
    case K_CLOSURE: return "function";
    case K_RANGE: return "range";
    case K_CLASS: return "class";
    case K_CELL: return "cell";
  }
  return "unknown";
}

/** the type name of a value: int, float, str, array, ... (structs / enums / classes by their name) */
export function rt_type_name(v: usize): usize {
  const k = kindOf(v);
  if (k == K_STRUCT || k == K_ENUM || k == K_CLASS) {
    const n = descName(descOf(tidOf(v)));
    if (n != 0) return rt_str_append(rt_str_from_lit(""), n);
  }
  return rt_str_from_lit(typeNameLit(v));
}

export function appendTypeName(s: usize, v: usize): usize {
  const t = rt_type_name(v);
  s = rt_str_append(s, t);
  return s;
}

export function panicWithType(msg: string, v: usize, line: i32): void {
  rt_panic(appendTypeName(rt_str_from_lit(msg), v), line);
}

/** "no method `name` on type T" */
export function panicNoMethod(name: string, v: usize, line: i32): void {
  let s = rt_str_from_lit("no method `");
  s = appendLit(s, name);
  s = appendLit(s, "` on type ");
  rt_panic(appendTypeName(s, v), line);
}

// ---------------------------------------------------------------- arithmetic on boxed values
import { rt_box_i64, rt_box_f64, rt_box_bool, rt_nil } from './box';
import { rt_str_new, rt_str_concat, rt_str_repeat, rt_str_index } from './str';
import { rt_str_append_display } from './display';
import { rt_arr_concat, rt_arr_get_dyn, alen } from './array';
import { rt_panic_overflow, rt_panic_div_zero, rt_panic_index } from './panic';
import { rt_cmp } from './compare';
import { rt_map_index, rt_map_len } from './map';
import { objNSlots, slotAddr, objSlotKind } from './abi';
import { boxAt } from './box';
import { slen } from './str';
import { rt_dyn_slice_range } from './range';

@inline function isNum(k: i32): bool { return k == K_INT || k == K_FLOAT; }
@inline function num(v: usize): f64 { return kindOf(v) == K_INT ? <f64>load<i64>(v, 8) : load<f64>(v, 8); }
@inline function ival(v: usize): i64 { return load<i64>(v, 8); }

export function addI64(a: i64, b: i64, line: i32): i64 {
  const r = a + b;
  if (((a ^ r) & (b ^ r)) < 0) rt_panic_overflow(line);
  return r;
}
export function subI64(a: i64, b: i64, line: i32): i64 {
  const r = a - b;
  if (((a ^ b) & (a ^ r)) < 0) rt_panic_overflow(line);
  return r;
}
export function mulI64(a: i64, b: i64, line: i32): i64 {
  if (a == 0 || b == 0) return 0;
  const r = a * b;
  if ((a == -1 && b == i64.MIN_VALUE) || (b == -1 && a == i64.MIN_VALUE) || r / b != a) rt_panic_overflow(line);
  return r;
}
export function divI64(a: i64, b: i64, line: i32): i64 {
  if (b == 0) rt_panic_div_zero(line, 0);
  if (a == i64.MIN_VALUE && b == -1) rt_panic_overflow(line);
  return a / b;
}
export function remI64(a: i64, b: i64, line: i32): i64 {
  if (b == 0) rt_panic_div_zero(line, 1);
  if (b == -1) return 0;
  return a % b;
}

/** a ** b for ints, checked; a negative exponent truncates (1, -1 or 0) */
export function rt_int_pow(a: i64, b: i64, line: i32): i64 {
  if (b < 0) {
    if (a == 1) return 1;
    if (a == -1) return (b & 1) != 0 ? -1 : 1;
    if (a == 0) rt_panic_div_zero(line, 0);
    return 0;
  }
  let r: i64 = 1, base = a, e = b;
  while (e > 0) {
    if ((e & 1) != 0) r = mulI64(r, base, line);
    e >>= 1;
    if (e > 0) base = mulI64(base, base, line);
  }
  return r;
}
export function rt_f64_pow(a: f64, b: f64): f64 { return Math.pow(a, b); }
export function rt_f64_rem(a: f64, b: f64): f64 { return a % b; }

function panicBinary(op: string, a: usize, b: usize, line: i32): void {
  let s = rt_str_from_lit("cannot apply `");
  s = appendLit(s, op);
  s = appendLit(s, "` to ");
  s = appendTypeName(s, a);
  s = appendLit(s, " and ");
  s = appendTypeName(s, b);
  rt_panic(s, line);
}

export function rt_dyn_add(a: usize, b: usize, line: i32): usize {
  const ka = kindOf(a), kb = kindOf(b);
  if (ka == K_INT && kb == K_INT) return rt_box_i64(addI64(ival(a), ival(b), line));
  if (isNum(ka) && isNum(kb)) return rt_box_f64(num(a) + num(b));
  if (ka == K_STR && kb == K_STR) return rt_str_concat(a, b);
  if (ka == K_STR || kb == K_STR) {
    let s = rt_str_new(16);
    s = rt_str_append_display(s, a);
    return rt_str_append_display(s, b);
  }
  if (ka == K_ARRAY && kb == K_ARRAY) return rt_arr_concat(a, b);
  panicBinary("+", a, b, line);
  return 0;
}
export function rt_dyn_sub(a: usize, b: usize, line: i32): usize {
  const ka = kindOf(a), kb = kindOf(b);
  if (ka == K_INT && kb == K_INT) return rt_box_i64(subI64(ival(a), ival(b), line));
  if (isNum(ka) && isNum(kb)) return rt_box_f64(num(a) - num(b));
  panicBinary("-", a, b, line);
  return 0;
}
export function rt_dyn_mul(a: usize, b: usize, line: i32): usize {
  const ka = kindOf(a), kb = kindOf(b);
  if (ka == K_INT && kb == K_INT) return rt_box_i64(mulI64(ival(a), ival(b), line));
  if (isNum(ka) && isNum(kb)) return rt_box_f64(num(a) * num(b));
  if (ka == K_STR && kb == K_INT) return rt_str_repeat(a, ival(b));
  if (ka == K_INT && kb == K_STR) return rt_str_repeat(b, ival(a));
  panicBinary("*", a, b, line);
  return 0;
}
export function rt_dyn_div(a: usize, b: usize, line: i32): usize {
  const ka = kindOf(a), kb = kindOf(b);
  if (ka == K_INT && kb == K_INT) return rt_box_i64(divI64(ival(a), ival(b), line));
  if (isNum(ka) && isNum(kb)) return rt_box_f64(num(a) / num(b));
  panicBinary("/", a, b, line);
  return 0;
}
export function rt_dyn_rem(a: usize, b: usize, line: i32): usize {
  const ka = kindOf(a), kb = kindOf(b);
  if (ka == K_INT && kb == K_INT) return rt_box_i64(remI64(ival(a), ival(b), line));
  if (isNum(ka) && isNum(kb)) return rt_box_f64(num(a) % num(b));
  panicBinary("%", a, b, line);
  return 0;
}
/** int ** non-negative int is a checked int; int ** negative int and anything with a float is a float */
export function rt_dyn_pow(a: usize, b: usize, line: i32): usize {
  const ka = kindOf(a), kb = kindOf(b);
  if (ka == K_INT && kb == K_INT && ival(b) >= 0) return rt_box_i64(rt_int_pow(ival(a), ival(b), line));
  if (isNum(ka) && isNum(kb)) return rt_box_f64(Math.pow(num(a), num(b)));
  panicBinary("**", a, b, line);
  return 0;
}
export function rt_dyn_neg(a: usize, line: i32): usize {
  const k = kindOf(a);
  if (k == K_INT) return rt_box_i64(subI64(0, ival(a), line));
  if (k == K_FLOAT) return rt_box_f64(-load<f64>(a, 8));
  panicWithType("cannot negate ", a, line);
  return 0;
}
export function rt_dyn_not(a: usize, line: i32): usize {
  const k = kindOf(a);
  if (k == K_BOOL) return rt_box_bool(load<i32>(a, 8) ^ 1);
  if (k == K_INT) return rt_box_i64(~ival(a));
  panicWithType("cannot apply `!` to ", a, line);
  return 0;
}
function bitop(op: i32, a: usize, b: usize, line: i32): usize {
  const ka = kindOf(a), kb = kindOf(b);
  if (ka == K_INT && kb == K_INT) {
    const x = ival(a), y = ival(b);
    switch (op) {
      case 0: return rt_box_i64(x & y);
      case 1: return rt_box_i64(x | y);
      case 2: return rt_box_i64(x ^ y);
      case 3: if (y < 0 || y > 63) rt_panic_overflow(line); return rt_box_i64(x << y);
      default: if (y < 0 || y > 63) rt_panic_overflow(line); return rt_box_i64(x >> y);
    }
  }
  if (ka == K_BOOL && kb == K_BOOL && op < 3) {
    const x = load<i32>(a, 8), y = load<i32>(b, 8);
    return rt_box_bool(op == 0 ? x & y : op == 1 ? x | y : x ^ y);
  }
  panicBinary(op == 0 ? "&" : op == 1 ? "|" : op == 2 ? "^" : op == 3 ? "<<" : ">>", a, b, line);
  return 0;
}
export function rt_dyn_bitand(a: usize, b: usize, line: i32): usize { return bitop(0, a, b, line); }
export function rt_dyn_bitor(a: usize, b: usize, line: i32): usize { return bitop(1, a, b, line); }
export function rt_dyn_bitxor(a: usize, b: usize, line: i32): usize { return bitop(2, a, b, line); }
export function rt_dyn_shl(a: usize, b: usize, line: i32): usize { return bitop(3, a, b, line); }
export function rt_dyn_shr(a: usize, b: usize, line: i32): usize { return bitop(4, a, b, line); }

/** ordering for < <= > >=: numbers with numbers, strings with strings, or same-kind values */
function order(a: usize, b: usize, op: string, line: i32): i32 {
  const ka = kindOf(a), kb = kindOf(b);
  if (!(isNum(ka) && isNum(kb)) && ka != kb) panicBinary(op, a, b, line);
  return rt_cmp(a, b);
}
export function rt_dyn_lt(a: usize, b: usize, line: i32): i32 { return order(a, b, "<", line) < 0 ? 1 : 0; }
export function rt_dyn_le(a: usize, b: usize, line: i32): i32 { return order(a, b, "<=", line) <= 0 ? 1 : 0; }
export function rt_dyn_gt(a: usize, b: usize, line: i32): i32 { return order(a, b, ">", line) > 0 ? 1 : 0; }
export function rt_dyn_ge(a: usize, b: usize, line: i32): i32 { return order(a, b, ">=", line) >= 0 ? 1 : 0; }

/** conditions on untyped values: false and nil are false, everything else true */
export function rt_dyn_truthy(v: usize, line: i32): i32 {
  const k = kindOf(v);
  if (k == K_BOOL) return load<i32>(v, 8);
  return k == K_NIL ? 0 : 1;
}

/** len(v): string bytes, array / map / tuple elements, range length */
export function rt_dyn_len(v: usize, line: i32): i64 {
  const k = kindOf(v);
  if (k == K_STR) return <i64>slen(v);
  if (k == K_ARRAY) return <i64>alen(v);
  if (k == K_MAP) return rt_map_len(v);
  if (k == K_TUPLE) return <i64>objNSlots(v);
  if (k == K_RANGE) {
    if ((load<i32>(v, 24) & 6) != 0) panicWithType("len() is not defined for an unbounded ", v, line);
    const e = load<i64>(v, 16) + ((load<i32>(v, 24) & 1) != 0 ? 1 : 0) - load<i64>(v, 8);
    return e < 0 ? 0 : e;
  }
  panicWithType("len() is not defined for ", v, line);
  return 0;
}

/** v[i] on untyped values: arrays and strings by int, maps by key, tuples by int */
export function rt_dyn_index(v: usize, i: usize, line: i32): usize {
  const k = kindOf(v);
  if (k == K_MAP) return rt_map_index(v, i, line);
  if (kindOf(i) == K_RANGE) return rt_dyn_slice_range(v, i, line);
  if (kindOf(i) != K_INT) panicWithType("index must be an int, found ", i, line);
  const j = ival(i);
  if (k == K_ARRAY) return rt_arr_get_dyn(v, j, line);
  if (k == K_STR) return rt_str_index(v, j, line);
  if (k == K_TUPLE) {
    const n = <i64>objNSlots(v);
    if (j < 0 || j >= n) rt_panic_index(j, n, line);
    return boxAt(slotAddr(v, <i32>j), objSlotKind(v, <i32>j));
  }
  panicWithType("cannot index into ", v, line);
  return 0;
}
