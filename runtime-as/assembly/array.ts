// Arrays: header + {len, cap, data}; elements of one kind (aux): REF (i32), INT (i64), FLOAT (f64),
// BOOL (i32). Mutating operations consume the array and copy it first when shared.
import { K_ARRAY, EK_REF, EK_INT, EK_FLOAT, EK_BOOL, ARR_LEN, ARR_CAP, ARR_DATA, ARR_SIZE, setHeader, auxOf, esize } from './abi';
import { rt_alloc, rt_free, rt_realloc } from './mem';
import { rt_retain, rt_release } from './rc';
import { rt_panic_index } from './panic';
import { boxAt, storeBoxed, rt_nil } from './box';
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
  return load<i64>(adata(a) + (<usize>idx(a, i, line) << 3));
}
export function rt_arr_get_f64(a: usize, i: i64, line: i32): f64 {
  return load<f64>(adata(a) + (<usize>idx(a, i, line) << 3));
}
export function rt_arr_get_bool(a: usize, i: i64, line: i32): i32 {
  return load<i32>(adata(a) + (<usize>idx(a, i, line) << 2));
}
export function rt_arr_get_ref(a: usize, i: i64, line: i32): usize {
  const v = <usize>load<u32>(adata(a) + (<usize>idx(a, i, line) << 2));
  rt_retain(v);
  return v;
}
/** the element boxed, whatever the element kind */
export function rt_arr_get_dyn(a: usize, i: i64, line: i32): usize {
  return boxAt(elemAddr(a, idx(a, i, line)), aek(a));
}

export function rt_arr_set_i64(a: usize, i: i64, v: i64, line: i32): usize {
  const j = idx(a, i, line);
  a = arrUnique(a);
  store<i64>(adata(a) + (<usize>j << 3), v);
  return a;
}
export function rt_arr_set_f64(a: usize, i: i64, v: f64, line: i32): usize {
  const j = idx(a, i, line);
  a = arrUnique(a);
  store<f64>(adata(a) + (<usize>j << 3), v);
  return a;
}
export function rt_arr_set_bool(a: usize, i: i64, v: i32, line: i32): usize {
  const j = idx(a, i, line);
  a = arrUnique(a);
  store<i32>(adata(a) + (<usize>j << 2), v);
  return a;
}
/** v borrowed (retained by the array) */
export function rt_arr_set_ref(a: usize, i: i64, v: usize, line: i32): usize {
  const j = idx(a, i, line);
  rt_retain(v);
  a = arrUnique(a);
  const p = adata(a) + (<usize>j << 2);
  const old = <usize>load<u32>(p);
  store<u32>(p, <u32>v);
  rt_release(old);
  return a;
}
/** v boxed (borrowed), converted to the element kind */
export function rt_arr_set_dyn(a: usize, i: i64, v: usize, line: i32): usize {
  if (aek(a) == EK_REF) return rt_arr_set_ref(a, i, v, line);
  const j = idx(a, i, line);
  a = arrUnique(a);
  storeBoxed(elemAddr(a, j), aek(a), v, line);
  return a;
}

export function rt_arr_push_i64(a: usize, v: i64): usize {
  a = arrReserve(a, 1);
  const n = alen(a);
  store<i64>(adata(a) + (<usize>n << 3), v);
  setAlen(a, n + 1);
  return a;
}
export function rt_arr_push_f64(a: usize, v: f64): usize {
  a = arrReserve(a, 1);
  const n = alen(a);
  store<f64>(adata(a) + (<usize>n << 3), v);
  setAlen(a, n + 1);
  return a;
}
export function rt_arr_push_bool(a: usize, v: i32): usize {
  a = arrReserve(a, 1);
  const n = alen(a);
  store<i32>(adata(a) + (<usize>n << 2), v);
  setAlen(a, n + 1);
  return a;
}
/** v borrowed (retained) */
export function rt_arr_push_ref(a: usize, v: usize): usize {
  rt_retain(v);
  a = arrReserve(a, 1);
  const n = alen(a);
  store<u32>(adata(a) + (<usize>n << 2), <u32>v);
  setAlen(a, n + 1);
  return a;
}
/** v boxed (borrowed), converted to the element kind */
export function rt_arr_push_dyn(a: usize, v: usize, line: i32): usize {
  a = arrReserve(a, 1);
  const n = alen(a);
  storeBoxed(elemAddr(a, n), aek(a), v, line);
  setAlen(a, n + 1);
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

/** [v; n]: v boxed (borrowed) stored as elemKind */
export function rt_arr_repeat(v: usize, n: i64, elemKind: i32): usize {
  const c = n < 0 ? 0 : <i32>n;
  let a = rt_arr_new(elemKind, c);
  for (let i = 0; i < c; i++) {
    storeBoxed(elemAddr(a, i), elemKind, v, 0);
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

