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
    const s = load<i64>(v, 8), e = load<i64>(v, 16), inc = load<i32>(v, 24) != 0;
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
