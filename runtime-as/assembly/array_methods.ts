// Array methods (receiver borrowed, results owned). Element values cross as boxed `dyn` values
// unless the name says otherwise (_i64 / _f64). Higher-order methods are compiled inline.
import { K_ARRAY, K_INT, K_FLOAT, K_STR, EK_REF, EK_INT, EK_FLOAT, EK_BOOL, T_PAIR, kindOf, esize } from './abi';
import {
  alen, adata, aek, elemAddr, setAlen, rt_arr_new, arrCopy, arrUnique, arrReserve, subArray, pushOwned,
  rt_arr_push_i64, rt_arr_push_f64, rt_arr_push_ref, arrFit,
} from './array';
import { rt_alloc, rt_free } from './mem';
import { rt_retain, rt_release } from './rc';
import { boxAt, storeBoxed, rt_nil, rt_none, wrap1, pairOwned, rt_box_i64, rt_box_f64, rt_take_i64, rt_take_f64 } from './box';
import { T_SOME } from './abi';
import { slotEq, slotCmp, rt_eq, rt_cmp } from './compare';
import { rt_str_new, rt_str_append, appendLit } from './str';
import { appendSlot, M_FSTR } from './display';
import { addI64, mulI64, rt_dyn_add, rt_dyn_mul } from './dyn';
import { rt_panic_index } from './panic';

const VSLOT: usize = memory.data(8, 8);

@inline function box(a: usize, i: i32): usize { return boxAt(elemAddr(a, i), aek(a)); }
/** does element i equal the boxed value v */
function elemIs(a: usize, i: i32, v: usize): bool {
  if (aek(a) == EK_REF) return rt_eq(<usize>load<u32>(elemAddr(a, i)), v) != 0;
  store<u32>(VSLOT, <u32>v);
  return slotEq(elemAddr(a, i), aek(a), VSLOT, EK_REF);
}
function indexOf(a: usize, v: usize): i32 {
  const n = alen(a);
  for (let i = 0; i < n; i++) if (elemIs(a, i, v)) return i;
  return -1;
}

export function rt_arr_is_empty(a: usize): i32 { return alen(a) == 0 ? 1 : 0; }
export function rt_arr_contains(a: usize, v: usize): i32 { return indexOf(a, v) >= 0 ? 1 : 0; }
/** Some(index) of the first element equal to v, or None */
export function rt_arr_index_of(a: usize, v: usize): usize {
  const i = indexOf(a, v);
  return i < 0 ? rt_none() : wrap1(T_SOME, rt_box_i64(<i64>i));
}
/** the first element or nil */
export function rt_arr_first(a: usize): usize { return alen(a) == 0 ? rt_nil() : box(a, 0); }
export function rt_arr_last(a: usize): usize { const n = alen(a); return n == 0 ? rt_nil() : box(a, n - 1); }
/** the element at i, or nil when i is out of range (negative included) */
export function rt_arr_get(a: usize, i: i64): usize {
  return i < 0 || i >= <i64>alen(a) ? rt_nil() : box(a, <i32>i);
}

/** nth(i): Some(element) or None when out of range */
export function rt_arr_nth(a: usize, i: i64): usize {
  return i < 0 || i >= <i64>alen(a) ? rt_none() : wrap1(T_SOME, box(a, <i32>i));
}

// ---- aggregates
export function rt_arr_sum_i64(a: usize, line: i32): i64 {
  if (aek(a) != EK_INT) return rt_take_i64(rt_arr_sum(a, line), line);
  const n = alen(a), d = adata(a);
  let s: i64 = 0;
  for (let i = 0; i < n; i++) s = addI64(s, load<i64>(d + (<usize>i << 3)), line);
  return s;
}
export function rt_arr_sum_f64(a: usize): f64 {
  if (aek(a) != EK_FLOAT) return rt_take_f64(rt_arr_sum(a, 0), 0);
  const n = alen(a), d = adata(a);
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += load<f64>(d + (<usize>i << 3));
  return s;
}
export function rt_arr_product_i64(a: usize, line: i32): i64 {
  if (aek(a) != EK_INT) return rt_take_i64(rt_arr_product(a, line), line);
  const n = alen(a), d = adata(a);
  let s: i64 = 1;
  for (let i = 0; i < n; i++) s = mulI64(s, load<i64>(d + (<usize>i << 3)), line);
  return s;
}
export function rt_arr_product_f64(a: usize): f64 {
  if (aek(a) != EK_FLOAT) return rt_take_f64(rt_arr_product(a, 0), 0);
  const n = alen(a), d = adata(a);
  let s: f64 = 1;
  for (let i = 0; i < n; i++) s *= load<f64>(d + (<usize>i << 3));
  return s;
}
function fold(a: usize, mul: bool, line: i32): usize {
  let acc = rt_box_i64(mul ? 1 : 0);
  const n = alen(a);
  for (let i = 0; i < n; i++) {
    const e = box(a, i);
    const r = mul ? rt_dyn_mul(acc, e, line) : rt_dyn_add(acc, e, line);
    rt_release(e);
    rt_release(acc);
    acc = r;
  }
  return acc;
}
/** sum of any array (0 when empty; an int for ints, a float once a float is seen) */
export function rt_arr_sum(a: usize, line: i32): usize { return fold(a, false, line); }
export function rt_arr_product(a: usize, line: i32): usize { return fold(a, true, line); }

function extreme(a: usize, sign: i32): usize {
  const n = alen(a);
  if (n == 0) return rt_nil();
  let best = 0;
  const ek = aek(a);
  for (let i = 1; i < n; i++) {
    if (slotCmp(elemAddr(a, i), ek, elemAddr(a, best), ek) * sign > 0) best = i;
  }
  return box(a, best);
}
/** the smallest element (first of equals) or nil */
export function rt_arr_min(a: usize): usize { return extreme(a, -1); }
export function rt_arr_max(a: usize): usize { return extreme(a, 1); }

// ---- ordering
/** stable merge sort of the element slots of a unique array in place */
function sortInPlace(a: usize): void {
  const n = alen(a);
  if (n < 2) return;
  const es = esize(aek(a)), ek = aek(a);
  const tmp = rt_alloc(<usize>n * es);
  let src = adata(a), dst = tmp;
  for (let w = 1; w < n; w <<= 1) {
    for (let lo = 0; lo < n; lo += 2 * w) {
      const mid = lo + w < n ? lo + w : n;
      const hi = lo + 2 * w < n ? lo + 2 * w : n;
      let i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        if (slotCmp(src + <usize>j * es, ek, src + <usize>i * es, ek) < 0) { memory.copy(dst + <usize>k * es, src + <usize>j * es, es); j++; }
        else { memory.copy(dst + <usize>k * es, src + <usize>i * es, es); i++; }
        k++;
      }
      if (i < mid) memory.copy(dst + <usize>k * es, src + <usize>i * es, <usize>(mid - i) * es);
      else if (j < hi) memory.copy(dst + <usize>k * es, src + <usize>j * es, <usize>(hi - j) * es);
    }
    const t = src; src = dst; dst = t;
  }
  if (src != adata(a)) memory.copy(adata(a), src, <usize>n * es);
  rt_free(tmp);
}
/** a new array sorted by the deep ordering (stable) */
export function rt_arr_sort(a: usize): usize {
  const b = arrCopy(a, alen(a));
  sortInPlace(b);
  return b;
}
/** sorts in place; consumes a */
export function rt_arr_sort_in_place(a: usize): usize {
  a = arrUnique(a);
  sortInPlace(a);
  return a;
}
export function rt_arr_reverse(a: usize): usize {
  const b = arrCopy(a, alen(a));
  const n = alen(b), es = esize(aek(b)), d = adata(b);
  for (let i = 0, j = n - 1; i < j; i++, j--) {
    store<u64>(VSLOT, load<u64>(d + <usize>i * es));
    memory.copy(d + <usize>i * es, d + <usize>j * es, es);
    memory.copy(d + <usize>j * es, VSLOT, es);
  }
  return b;
}

// ---- text
/** elements shown as in an f-string (strings raw), separated by sep */
export function rt_arr_join(a: usize, sep: usize): usize {
  let s = rt_str_new(16);
  const n = alen(a), ek = aek(a);
  for (let i = 0; i < n; i++) {
    if (i > 0) s = rt_str_append(s, sep);
    s = appendSlot(s, elemAddr(a, i), ek, M_FSTR);
  }
  return s;
}

// ---- pieces
/** elements [start, end) clamped to the array */
export function rt_arr_slice_m(a: usize, start: i64, end: i64): usize {
  const n = <i64>alen(a);
  const s = start < 0 ? 0 : start > n ? n : start;
  const e = end < s ? s : end > n ? n : end;
  return subArray(a, <i32>s, <i32>e);
}
export function rt_arr_take(a: usize, k: i64): usize { return rt_arr_slice_m(a, 0, k); }
export function rt_arr_skip(a: usize, k: i64): usize { return rt_arr_slice_m(a, k, <i64>alen(a)); }

// ---- sets
/** a new array of boxed values from a's elements where keep(i) */
function unionLike(a: usize, b: usize, mode: i32): usize {
  // mode 0 union, 1 intersection, 2 difference, 3 unique (b ignored)
  let r = rt_arr_new(aek(a), 0);
  const na = alen(a);
  for (let i = 0; i < na; i++) {
    const v = box(a, i);
    let keep = indexOf(r, v) < 0;
    if (keep && mode == 1) keep = indexOf(b, v) >= 0;
    if (keep && mode == 2) keep = indexOf(b, v) < 0;
    if (keep) r = rt_arr_push_ref(r, v);
    rt_release(v);
  }
  if (mode == 0) {
    const nb = alen(b);
    for (let i = 0; i < nb; i++) {
      const v = box(b, i);
      if (indexOf(r, v) < 0) r = rt_arr_push_ref(r, v);
      rt_release(v);
    }
  }
  return r;
}
export function rt_arr_union(a: usize, b: usize): usize { return unionLike(a, b, 0); }
export function rt_arr_intersection(a: usize, b: usize): usize { return unionLike(a, b, 1); }
export function rt_arr_difference(a: usize, b: usize): usize { return unionLike(a, b, 2); }
/** first occurrences, in order */
export function rt_arr_unique(a: usize): usize { return unionLike(a, a, 3); }

/** one level: array elements spliced in, others kept */
export function rt_arr_flatten(a: usize): usize {
  const n = alen(a);
  if (aek(a) != EK_REF) return arrCopy(a, n);
  let r = rt_arr_new(EK_REF, n);
  for (let i = 0; i < n; i++) {
    const v = <usize>load<u32>(elemAddr(a, i));
    if (kindOf(v) == K_ARRAY) {
      const m = alen(v);
      for (let j = 0; j < m; j++) r = pushOwned(r, box(v, j));
    } else {
      rt_retain(v);
      r = pushOwned(r, v);
    }
  }
  return r;
}

/** [(0, a0), (1, a1), ...] of pair tuples (typeId 4) */
export function rt_arr_enumerate(a: usize): usize {
  const n = alen(a);
  let r = rt_arr_new(EK_REF, n);
  for (let i = 0; i < n; i++) r = pushOwned(r, pairOwned(rt_box_i64(<i64>i), box(a, i)));
  return r;
}
/** [(a0, b0), ...] up to the shorter length */
export function rt_arr_zip(a: usize, b: usize): usize {
  const n = alen(a) < alen(b) ? alen(a) : alen(b);
  let r = rt_arr_new(EK_REF, n);
  for (let i = 0; i < n; i++) r = pushOwned(r, pairOwned(box(a, i), box(b, i)));
  return r;
}

// ---- mutating (receiver consumed, updated receiver returned)
/** inserts v (boxed, borrowed) before index i (0 <= i <= len) */
export function rt_arr_insert(a: usize, i: i64, v: usize, line: i32): usize {
  const n = alen(a);
  if (i < 0 || i > <i64>n) rt_panic_index(i, <i64>n, line);
  a = arrReserve(arrFit(a, v), 1);
  const es = esize(aek(a));
  const p = elemAddr(a, <i32>i);
  memory.copy(p + es, p, <usize>(n - <i32>i) * es);
  storeBoxed(p, aek(a), v, line);
  setAlen(a, n + 1);
  return a;
}
/** removes the element at i; stores it (boxed, owned) at out when out != 0 */
export function rt_arr_remove(a: usize, i: i64, out: usize, line: i32): usize {
  const n = alen(a);
  if (i < 0 || i >= <i64>n) rt_panic_index(i, <i64>n, line);
  a = arrUnique(a);
  const es = esize(aek(a));
  const p = elemAddr(a, <i32>i);
  const v = boxAt(p, aek(a));
  if (aek(a) == EK_REF) rt_release(<usize>load<u32>(p));
  memory.copy(p, p + es, <usize>(n - 1 - <i32>i) * es);
  setAlen(a, n - 1);
  if (out != 0) store<u32>(out, <u32>v);
  else rt_release(v);
  return a;
}
/** appends the elements of b */
export function rt_arr_extend(a: usize, b: usize, line: i32): usize {
  const nb = alen(b);
  a = arrReserve(a, nb);
  for (let i = 0; i < nb; i++) {
    const v = box(b, i);
    a = rt_arr_push_ref(a, v);
    rt_release(v);
  }
  return a;
}
/** removes every element */
export function rt_arr_clear(a: usize): usize {
  const ek = aek(a);
  rt_release(a);
  return rt_arr_new(ek, 0);
}
