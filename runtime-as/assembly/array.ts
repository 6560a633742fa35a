// Arrays: header + {len, cap, data}; elements of one kind (aux): REF (i32), INT (i64), FLOAT (f64),
// BOOL (i32). Mutating operations consume the array and copy it first when shared.
// The element kind follows the values: an empty array takes the kind of the first value stored,
// and a typed array that is given a value of another kind becomes an array of boxes (arrFit).
// So every entry point accepts every element kind; the typed ones (`_i64`, `_f64`, `_bool`,
// `_ref`) are fast when the kind is the one the compiler expects and fall back through boxes
// otherwise.
import { K_ARRAY, K_INT, K_FLOAT, K_BOOL, EK_REF, EK_INT, EK_FLOAT, EK_BOOL, ARR_LEN, ARR_CAP, ARR_DATA, ARR_SIZE, setHeader, auxOf, kindOf, esize } from './abi';
import { rt_alloc, rt_free, rt_realloc } from './mem';
import { rt_retain, rt_release } from './rc';
import { rt_panic_index } from './panic';
import { boxAt, storeBoxed, rt_nil, rt_box_i64, rt_box_f64, rt_box_bool, rt_take_i64, rt_take_f64, rt_take_bool } from './box';
import { sliceOob } from './str';

@inline export function alen(a: usize): i32 { return load<i32>(a, ARR_LEN); }
@inline export function acap(a: usize): i32 { return load<i32>(a, ARR_CAP); }
@inline export function adata(a: usize): usize { return <usize>load<u32>(a, ARR_DATA); }
@inline export function aek(a: usize): i32 { return auxOf(a); }
@inline export function setAlen(a: usize, n: i32): void { store<i32>(a, n, ARR_LEN); }
@inline export function elemAddr(a: usize, i: i32): usize { return adata(a) + (<usize>i) * esize(aek(a)); }

export function rt_arr_new(elemKind: i32, cap: i32): usize {
  if (cap < 0) cap = 0;
  const a = rt_alloc(ARR_SIZE);
  setHeader(a, K_ARRAY, elemKind, 0);
  store<i32>(a, 0, ARR_LEN);
  store<i32>(a, cap, ARR_CAP);
  store<u32>(a, cap > 0 ? <u32>rt_alloc(<usize>cap * esize(elemKind)) : 0, ARR_DATA);
  return a;
}

export function rt_arr_len(a: usize): i64 { return <i64>alen(a); }

/** a copy of a with its own buffer (room for cap elements; refs retained) */
export function arrCopy(a: usize, cap: i32): usize {
  const n = alen(a), ek = aek(a);
  if (cap < n) cap = n;
  const b = rt_arr_new(ek, cap);
  memory.copy(adata(b), adata(a), <usize>n * esize(ek));
  setAlen(b, n);
  if (ek == EK_REF) {
    const d = adata(a);
    for (let i = 0; i < n; i++) rt_retain(<usize>load<u32>(d + (<usize>i << 2)));
  }
  return b;
}

/** consumes a; returns a unique array (a itself when rc == 1) */
export function arrUnique(a: usize): usize {
  if (load<i32>(a) == 1) return a;
  const b = arrCopy(a, alen(a));
  rt_release(a);
  return b;
}

/** consumes a; a unique array with room for extra more elements */
export function arrReserve(a: usize, extra: i32): usize {
  const n = alen(a), need = n + extra;
  if (load<i32>(a) == 1) {
    if (acap(a) < need) {
      let cap = acap(a) * 2;
      if (cap < need) cap = need;
      if (cap < 4) cap = 4;
      const es = esize(aek(a));
      store<u32>(a, <u32>rt_realloc(adata(a), <usize>n * es, <usize>cap * es), ARR_DATA);
      store<i32>(a, cap, ARR_CAP);
    }
    return a;
  }
  let cap = need;
  if (cap < 4) cap = 4;
  const b = arrCopy(a, cap);
  rt_release(a);
  return b;
}

/** normalised index (negative from the end) or a panic */
@inline export function idx(a: usize, i: i64, line: i32): i32 {
  const n = <i64>alen(a);
  const j = i < 0 ? i + n : i;
  if (<u64>j >= <u64>n) rt_panic_index(i, n, line);
  return <i32>j;
}

export function rt_arr_get_i64(a: usize, i: i64, line: i32): i64 {
  const j = idx(a, i, line);
  if (aek(a) == EK_INT) return load<i64>(adata(a) + (<usize>j << 3));
  return rt_take_i64(boxAt(elemAddr(a, j), aek(a)), line);
}
export function rt_arr_get_f64(a: usize, i: i64, line: i32): f64 {
  const j = idx(a, i, line);
  if (aek(a) == EK_FLOAT) return load<f64>(adata(a) + (<usize>j << 3));
  return rt_take_f64(boxAt(elemAddr(a, j), aek(a)), line);
}
export function rt_arr_get_bool(a: usize, i: i64, line: i32): i32 {
  const j = idx(a, i, line);
  if (aek(a) == EK_BOOL) return load<i32>(adata(a) + (<usize>j << 2));
  return rt_take_bool(boxAt(elemAddr(a, j), aek(a)), line);
}
export function rt_arr_get_ref(a: usize, i: i64, line: i32): usize {
  return boxAt(elemAddr(a, idx(a, i, line)), aek(a));
}
/** the element boxed, whatever the element kind */
export function rt_arr_get_dyn(a: usize, i: i64, line: i32): usize {
  return boxAt(elemAddr(a, idx(a, i, line)), aek(a));
}

export function rt_arr_set_i64(a: usize, i: i64, v: i64, line: i32): usize {
  if (aek(a) != EK_INT) return setBoxed(a, i, rt_box_i64(v), line);
  const j = idx(a, i, line);
  a = arrUnique(a);
  store<i64>(adata(a) + (<usize>j << 3), v);
  return a;
}
export function rt_arr_set_f64(a: usize, i: i64, v: f64, line: i32): usize {
  if (aek(a) != EK_FLOAT) return setBoxed(a, i, rt_box_f64(v), line);
  const j = idx(a, i, line);
  a = arrUnique(a);
  store<f64>(adata(a) + (<usize>j << 3), v);
  return a;
}
export function rt_arr_set_bool(a: usize, i: i64, v: i32, line: i32): usize {
  if (aek(a) != EK_BOOL) return setBoxed(a, i, rt_box_bool(v), line);
  const j = idx(a, i, line);
  a = arrUnique(a);
  store<i32>(adata(a) + (<usize>j << 2), v);
  return a;
}
/** v borrowed (retained by the array) */
export function rt_arr_set_ref(a: usize, i: i64, v: usize, line: i32): usize {
  const j = idx(a, i, line);
  a = arrFit(a, v);
  if (aek(a) != EK_REF) {
    a = arrUnique(a);
    storeBoxed(elemAddr(a, j), aek(a), v, line);
    return a;
  }
  rt_retain(v);
  a = arrUnique(a);
  const p = adata(a) + (<usize>j << 2);
  const old = <usize>load<u32>(p);
  store<u32>(p, <u32>v);
  rt_release(old);
  return a;
}
/** v boxed (borrowed), stored in the element kind that fits it */
export function rt_arr_set_dyn(a: usize, i: i64, v: usize, line: i32): usize { return rt_arr_set_ref(a, i, v, line); }
/** v boxed and owned (released after the store) */
function setBoxed(a: usize, i: i64, v: usize, line: i32): usize {
  a = rt_arr_set_ref(a, i, v, line);
  rt_release(v);
  return a;
}

/**
 * Consumes a; returns it or a unique replacement whose element kind can hold the boxed value v:
 * an empty array takes v's kind, a typed array that v does not fit becomes an array of boxes.
 */
export function arrFit(a: usize, v: usize): usize {
  const ek = aek(a), k = kindOf(v);
  const want = k == K_INT ? EK_INT : k == K_FLOAT ? EK_FLOAT : k == K_BOOL ? EK_BOOL : EK_REF;
  if (ek == want || (ek == EK_REF && alen(a) > 0)) return a;
  return arrRetype(a, alen(a) == 0 ? want : EK_REF);
}

/** consumes a; a unique array of the same elements stored with element kind ek */
export function arrRetype(a: usize, ek: i32): usize {
  const n = alen(a), old = aek(a);
  let cap = acap(a);
  if (cap < n) cap = n;
  const b = rt_arr_new(ek, cap);
  for (let i = 0; i < n; i++) {
    const v = boxAt(elemAddr(a, i), old);
    storeBoxed(elemAddr(b, i), ek, v, 0);
    rt_release(v);
  }
  setAlen(b, n);
  rt_release(a);
  return b;
}

export function rt_arr_push_i64(a: usize, v: i64): usize {
  if (aek(a) != EK_INT) {
    if (alen(a) != 0) return pushBoxed(a, rt_box_i64(v));
    a = arrRetype(a, EK_INT);
  }
  a = arrReserve(a, 1);
  const n = alen(a);
  store<i64>(adata(a) + (<usize>n << 3), v);
  setAlen(a, n + 1);
  return a;
}
export function rt_arr_push_f64(a: usize, v: f64): usize {
  if (aek(a) != EK_FLOAT) {
    if (alen(a) != 0) return pushBoxed(a, rt_box_f64(v));
    a = arrRetype(a, EK_FLOAT);
  }
  a = arrReserve(a, 1);
  const n = alen(a);
  store<f64>(adata(a) + (<usize>n << 3), v);
  setAlen(a, n + 1);
  return a;
}
export function rt_arr_push_bool(a: usize, v: i32): usize {
  if (aek(a) != EK_BOOL) {
    if (alen(a) != 0) return pushBoxed(a, rt_box_bool(v));
    a = arrRetype(a, EK_BOOL);
  }
  a = arrReserve(a, 1);
  const n = alen(a);
  store<i32>(adata(a) + (<usize>n << 2), v);
  setAlen(a, n + 1);
  return a;
}
/** v borrowed (retained), stored in the element kind that fits it */
export function rt_arr_push_ref(a: usize, v: usize): usize {
  a = arrReserve(arrFit(a, v), 1);
  const n = alen(a);
  storeBoxed(elemAddr(a, n), aek(a), v, 0);
  setAlen(a, n + 1);
  return a;
}
/** v boxed (borrowed), stored in the element kind that fits it */
export function rt_arr_push_dyn(a: usize, v: usize, line: i32): usize { return rt_arr_push_ref(a, v); }
/** v boxed and owned (released after the push) */
function pushBoxed(a: usize, v: usize): usize {
  a = rt_arr_push_ref(a, v);
  rt_release(v);
  return a;
}
/** v owned (consumed) — for building arrays in the runtime */
export function pushOwned(a: usize, v: usize): usize {
  a = arrReserve(a, 1);
  const n = alen(a);
  store<u32>(adata(a) + (<usize>n << 2), <u32>v);
  setAlen(a, n + 1);
  return a;
}

/** consumes a; stores the popped element (boxed, owned) or nil at out (if out != 0); returns a */
export function rt_arr_pop(a: usize, out: usize): usize {
  const n = alen(a);
  if (n == 0) {
    if (out != 0) store<u32>(out, <u32>rt_nil());
    return a;
  }
  a = arrUnique(a);
  const v = boxAt(elemAddr(a, n - 1), aek(a));
  if (aek(a) == EK_REF) rt_release(<usize>load<u32>(elemAddr(a, n - 1)));
  setAlen(a, n - 1);
  if (out != 0) store<u32>(out, <u32>v);
  else rt_release(v);
  return a;
}

/** a[start..end]; flags: 1 has start, 2 has end, 4 inclusive */
export function rt_arr_slice(a: usize, start: i64, end: i64, flags: i32, line: i32): usize {
  const n = <i64>alen(a);
  let s: i64 = (flags & 1) != 0 ? start : 0;
  let e: i64 = (flags & 2) != 0 ? end : n;
  if (s < 0) s += n;
  if (e < 0) e += n;
  if ((flags & 6) == 6) e += 1; // `..=end`, counted from the end when negative
  if (s < 0 || e > n || s > e) sliceOob(s, e, n, line);
  return subArray(a, <i32>s, <i32>e);
}

/** a new array of the elements [s, e) */
export function subArray(a: usize, s: i32, e: i32): usize {
  const ek = aek(a);
  const b = rt_arr_new(ek, e - s);
  const es = esize(ek);
  memory.copy(adata(b), adata(a) + <usize>s * es, <usize>(e - s) * es);
  setAlen(b, e - s);
  if (ek == EK_REF) {
    for (let i = 0; i < e - s; i++) rt_retain(<usize>load<u32>(adata(b) + (<usize>i << 2)));
  }
  return b;
}

/** [v; n]: v boxed (borrowed), stored in the element kind that fits it */
export function rt_arr_repeat(v: usize, n: i64): usize {
  const c = n < 0 ? 0 : <i32>n;
  let a = arrFit(rt_arr_new(EK_REF, 0), v);
  a = arrReserve(a, c);
  for (let i = 0; i < c; i++) {
    storeBoxed(elemAddr(a, i), aek(a), v, 0);
  }
  setAlen(a, c);
  return a;
}

/** a + b (same element kinds, or converted through boxes) */
export function rt_arr_concat(a: usize, b: usize): usize {
  const na = alen(a), nb = alen(b);
  if (aek(a) == aek(b)) {
    let r = arrCopy(a, na + nb);
    const es = esize(aek(a));
    memory.copy(adata(r) + <usize>na * es, adata(b), <usize>nb * es);
    setAlen(r, na + nb);
    if (aek(b) == EK_REF) for (let i = 0; i < nb; i++) rt_retain(<usize>load<u32>(adata(b) + (<usize>i << 2)));
    return r;
  }
  let r = rt_arr_new(EK_REF, na + nb);
  for (let i = 0; i < na; i++) r = pushOwned(r, boxAt(elemAddr(a, i), aek(a)));
  for (let i = 0; i < nb; i++) r = pushOwned(r, boxAt(elemAddr(b, i), aek(b)));
  return r;
}

