// Ranges: `a..b`, `a..=b` and the open forms `a..`, `..b`, `..=b`, `..` (RANGE objects, see ABI.md:
// +8 start, +16 end, +24 flags). Slicing with a range value, and the range methods that are not
// plain iteration (rev, step_by, contains, is_empty). Also the Option-returning array pop.
import { K_RANGE, K_ARRAY, K_STR, EK_INT, T_SOME, kindOf } from './abi';
import { rt_arr_new, rt_arr_push_i64, rt_arr_slice, rt_arr_pop, alen } from './array';
import { rt_none, wrap1 } from './box';
import { rt_str_slice } from './str';
import { panicLit } from './panic';
import { panicWithType } from './dyn';

export const R_INCLUSIVE: i32 = 1;
export const R_NO_START: i32 = 2;
export const R_NO_END: i32 = 4;

@inline export function rstart(r: usize): i64 { return load<i64>(r, 8); }
@inline export function rend(r: usize): i64 { return load<i64>(r, 16); }
@inline export function rflags(r: usize): i32 { return load<i32>(r, 24); }

/** the flags of rt_arr_slice / rt_str_slice (1 has start, 2 has end, 4 inclusive) for range r */
function sliceFlags(r: usize): i32 {
  const f = rflags(r);
  return ((f & R_NO_START) != 0 ? 0 : 1) | ((f & R_NO_END) != 0 ? 0 : 2) | ((f & R_INCLUSIVE) != 0 ? 4 : 0);
}

function checkRange(r: usize, line: i32): void {
  if (kindOf(r) != K_RANGE) panicWithType("expected a range, found ", r, line);
}

/** xs[r] for an array and a range value */
export function rt_arr_slice_range(a: usize, r: usize, line: i32): usize {
  checkRange(r, line);
  return rt_arr_slice(a, rstart(r), rend(r), sliceFlags(r), line);
}

/** s[r] for a string and a range value (by character) */
export function rt_str_slice_range(s: usize, r: usize, line: i32): usize {
  checkRange(r, line);
  return rt_str_slice(s, rstart(r), rend(r), sliceFlags(r), line);
}

/** v[r] on untyped values: arrays and strings */
export function rt_dyn_slice_range(v: usize, r: usize, line: i32): usize {
  const k = kindOf(v);
  if (k == K_ARRAY) return rt_arr_slice_range(v, r, line);
  if (k == K_STR) return rt_str_slice_range(v, r, line);
  panicWithType("cannot slice a value of type ", v, line);
  return 0;
}

/** The last element of a bounded range, and whether it has any (panics for an unbounded one). */
function lastOf(r: usize, what: string, line: i32): i64 {
  if ((rflags(r) & (R_NO_START | R_NO_END)) != 0) panicLit(what, line);
  return (rflags(r) & R_INCLUSIVE) != 0 ? rend(r) : rend(r) - 1;
}

/** (a..b).rev(): the elements from last to first, as an int array */
export function rt_range_rev(r: usize, line: i32): usize {
  const s = rstart(r), l = lastOf(r, "cannot reverse an unbounded range", line);
  let a = rt_arr_new(EK_INT, 0);
  if (rt_range_is_empty(r)) return a; // (also `x..i64::MIN`, whose last element would wrap)
  for (let i = l; i >= s; i--) { a = rt_arr_push_i64(a, i); if (i == i64.MIN_VALUE) break; }
  return a;
}

/** (a..b).step_by(n): every n-th element from the start, as an int array (n > 0) */
export function rt_range_step_by(r: usize, n: i64, line: i32): usize {
  if (n <= 0) panicLit("step_by: the step must be positive", line);
  const s = rstart(r), l = lastOf(r, "cannot collect an unbounded range", line);
  let a = rt_arr_new(EK_INT, 0);
  if (rt_range_is_empty(r)) return a;
  for (let i = s; i <= l; i += n) { a = rt_arr_push_i64(a, i); if (i > i64.MAX_VALUE - n) break; }
  return a;
}

/** r.contains(x): start <= x and x < end (x <= end when inclusive); open sides do not bound */
export function rt_range_contains(r: usize, x: i64): i32 {
  const f = rflags(r);
  if ((f & R_NO_START) == 0 && x < rstart(r)) return 0;
  if ((f & R_NO_END) != 0) return 1;
  return ((f & R_INCLUSIVE) != 0 ? x <= rend(r) : x < rend(r)) ? 1 : 0;
}

/** r.is_empty(): a bounded range with no element (open ranges are never empty) */
export function rt_range_is_empty(r: usize): i32 {
  const f = rflags(r);
  if ((f & (R_NO_START | R_NO_END)) != 0) return 0;
  return ((f & R_INCLUSIVE) != 0 ? rstart(r) > rend(r) : rstart(r) >= rend(r)) ? 1 : 0;
}

/**
 * xs.pop() where the program matches it against `Some(..)` / `None` (`while let Some(x) = xs.pop()`):
 * consumes the array and returns it; stores `Some(last)` (owned) at out, or `None` when it is empty.
 */
export function rt_arr_pop_opt(a: usize, out: usize, line: i32): usize {
  if (kindOf(a) != K_ARRAY) panicWithType("no method `pop` on ", a, line);
  if (alen(a) == 0) {
    store<u32>(out, <u32>rt_none());
    return a;
  }
  a = rt_arr_pop(a, out);
  store<u32>(out, <u32>wrap1(T_SOME, <usize>load<u32>(out)));
  return a;
}

// for loops counting through a range value (the compiler checks rt_range_is_empty first)

/** the first element; a range without a start cannot be iterated */
export function rt_range_first(r: usize, line: i32): i64 {
  checkRange(r, line);
  if ((rflags(r) & R_NO_START) != 0) panicLit("cannot iterate over a range without a start", line);
  return rstart(r);
}

/** the last element (i64::MAX when the range has no end, unless it is to be reversed) */
export function rt_range_last(r: usize, rev: i32, line: i32): i64 {
  checkRange(r, line);
  const f = rflags(r);
  if ((f & R_NO_END) != 0) {
    if (rev != 0) panicLit("cannot reverse an unbounded range", line);
    return i64.MAX_VALUE;
  }
  return (f & R_INCLUSIVE) != 0 ? rend(r) : rend(r) - 1;
}

/** the step of step_by(n), which must be positive */
export function rt_range_step(n: i64, line: i32): i64 {
  if (n <= 0) panicLit("step_by: the step must be positive", line);
  return n;
}
