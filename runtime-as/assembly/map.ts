// Maps: insertion-ordered hash maps of boxed keys and values.
// Layout after the header: +8 i32 len (live entries), +12 i32 entries (buffer of {key, value, hash}
// triples, key 0 = removed), +16 i32 used (entries written, removed ones included), +20 i32 entcap,
// +24 i32 index (open-addressing table of entry number + 1, 0 = empty), +28 i32 indexcap (power of 2).
import {
  K_MAP, K_NIL, K_BOOL, K_INT, K_FLOAT, K_STR, K_ARRAY, K_TUPLE, K_STRUCT, K_ENUM, K_RANGE, EK_REF, EK_INT, EK_FLOAT,
  T_PAIR, setHeader, kindOf, tidOf, descOf, descNFields, descFieldKind, slotAddr, STR_LEN, STR_DATA,
} from './abi';
import { rt_alloc, rt_alloc_zero, rt_free } from './mem';
import { rt_retain, rt_release } from './rc';
import { rt_eq, rt_cmp } from './compare';
import { rt_nil, rt_none, wrap1, pairOwned, rt_box_i64 } from './box';
import { T_SOME } from './abi';
import { appendValue, M_TOP, M_DEBUG } from './display';
import { appendLit, appendByte } from './str';
import { rt_arr_new, pushOwned, alen, elemAddr, aek } from './array';
import { panicWithValue } from './panic';

const M_LEN: usize = 8, M_ENT: usize = 12, M_USED: usize = 16, M_ECAP: usize = 20, M_IDX: usize = 24, M_ICAP: usize = 28;
const ESZ: usize = 12;

@inline function ents(m: usize): usize { return <usize>load<u32>(m, M_ENT); }
@inline function used(m: usize): i32 { return load<i32>(m, M_USED); }
@inline function entKey(m: usize, e: i32): usize { return <usize>load<u32>(ents(m) + <usize>e * ESZ); }
@inline function entVal(m: usize, e: i32): usize { return <usize>load<u32>(ents(m) + <usize>e * ESZ, 4); }
@inline export function rt_map_len_i32(m: usize): i32 { return load<i32>(m, M_LEN); }

export function rt_map_new(): usize {
  const m = rt_alloc(32);
  setHeader(m, K_MAP, 0, 0);
  store<i32>(m, 0, M_LEN);
  store<u32>(m, 0, M_ENT);
  store<i32>(m, 0, M_USED);
  store<i32>(m, 0, M_ECAP);
  store<u32>(m, 0, M_IDX);
  store<i32>(m, 0, M_ICAP);
  return m;
}

export function rt_map_len(m: usize): i64 { return <i64>load<i32>(m, M_LEN); }

export function mapDestroy(m: usize): void {
  const n = used(m);
  for (let e = 0; e < n; e++) {
    const k = entKey(m, e);
    if (k != 0) {
      rt_release(k);
      rt_release(entVal(m, e));
    }
  }
  rt_free(ents(m));
  rt_free(<usize>load<u32>(m, M_IDX));
}

// ---- hashing
@inline function mix(h: u64): u32 {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccd;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53;
  h ^= h >> 33;
  return <u32>h;
}
function hashSlot(p: usize, sk: i32): u32 {
  if (sk == EK_REF) return hashVal(<usize>load<u32>(p));
  if (sk == EK_INT) return mix(<u64>load<i64>(p));
  if (sk == EK_FLOAT) return hashF64(load<f64>(p));
  return <u32>load<i32>(p) + 1;
}
function hashF64(x: f64): u32 {
  if (x == Math.floor(x) && Math.abs(x) < 9.2e18) return mix(<u64><i64>x); // equal to the int
  return mix(reinterpret<u64>(x));
}
export function hashVal(v: usize): u32 {
  const k = kindOf(v);
  if (k == K_STR) {
    let h: u32 = 2166136261;
    const n = load<i32>(v, STR_LEN);
    for (let i = 0; i < n; i++) h = (h ^ load<u8>(v + STR_DATA + <usize>i)) * 16777619;
    return h;
  }
  if (k == K_INT) return mix(<u64>load<i64>(v, 8));
  if (k == K_FLOAT) return hashF64(load<f64>(v, 8));
  if (k == K_BOOL) return <u32>load<i32>(v, 8) + 1;
  if (k == K_NIL) return 0;
  if (k == K_TUPLE || k == K_STRUCT || k == K_ENUM) {
    const d = descOf(tidOf(v));
    const n = descNFields(d);
    let h: u32 = 31 + <u32>tidOf(v);
    for (let i = 0; i < n; i++) h = h * 1000003 ^ hashSlot(slotAddr(v, i), descFieldKind(d, i));
    return h;
  }
  if (k == K_ARRAY) {
    let h: u32 = 7;
    const n = alen(v);
    for (let i = 0; i < n; i++) h = h * 1000003 ^ hashSlot(elemAddr(v, i), aek(v));
    return h;
  }
  if (k == K_RANGE) return mix(<u64>load<i64>(v, 8) * 31 + <u64>load<i64>(v, 16));
  return mix(<u64>v);
}

/** entry number of key k, or -1 */
function find(m: usize, k: usize, h: u32): i32 {
  const icap = load<i32>(m, M_ICAP);
  if (icap == 0) return -1;
  const idx = <usize>load<u32>(m, M_IDX);
  const mask = <u32>(icap - 1);
  let i = h & mask;
  for (;;) {
    const e = load<i32>(idx + (<usize>i << 2));
    if (e == 0) return -1;
    const ep = ents(m) + <usize>(e - 1) * ESZ;
    const key = <usize>load<u32>(ep);
    if (key != 0 && load<u32>(ep, 8) == h && rt_eq(key, k) != 0) return e - 1;
    i = (i + 1) & mask;
  }
  return -1;
}

function indexPut(idx: usize, icap: i32, h: u32, e: i32): void {
  const mask = <u32>(icap - 1);
  let i = h & mask;
  while (load<i32>(idx + (<usize>i << 2)) != 0) i = (i + 1) & mask;
  store<i32>(idx + (<usize>i << 2), e + 1);
}

/** rebuilds m's buffers with room for at least need live entries (removed ones dropped) */
function rehash(m: usize, need: i32): void {
  let ecap = 4;
  while (ecap < need) ecap <<= 1;
  const icap = ecap * 2;
  const ne = rt_alloc(<usize>ecap * ESZ);
  const ni = rt_alloc_zero(<usize>icap << 2);
  const n = used(m);
  let j = 0;
  for (let e = 0; e < n; e++) {
    const ep = ents(m) + <usize>e * ESZ;
    if (load<u32>(ep) == 0) continue;
    const np = ne + <usize>j * ESZ;
    memory.copy(np, ep, ESZ);
    indexPut(ni, icap, load<u32>(ep, 8), j);
    j++;
  }
  rt_free(ents(m));
  rt_free(<usize>load<u32>(m, M_IDX));
  store<u32>(m, <u32>ne, M_ENT);
  store<i32>(m, j, M_USED);
  store<i32>(m, ecap, M_ECAP);
  store<u32>(m, <u32>ni, M_IDX);
  store<i32>(m, icap, M_ICAP);
}

/** consumes m; a unique map (m itself when rc == 1) */
export function mapUnique(m: usize): usize {
  if (load<i32>(m) == 1) return m;
  const r = rt_map_new();
  const n = used(m);
  rehash(r, load<i32>(m, M_LEN));
  let j = 0;
  for (let e = 0; e < n; e++) {
    const k = entKey(m, e);
    if (k == 0) continue;
    const v = entVal(m, e);
    const h = load<u32>(ents(m) + <usize>e * ESZ, 8);
    rt_retain(k);
    rt_retain(v);
    const np = ents(r) + <usize>j * ESZ;
    store<u32>(np, <u32>k);
    store<u32>(np, <u32>v, 4);
    store<u32>(np, h, 8);
    indexPut(<usize>load<u32>(r, M_IDX), load<i32>(r, M_ICAP), h, j);
    j++;
  }
  store<i32>(r, j, M_USED);
  store<i32>(r, j, M_LEN);
  rt_release(m);
  return r;
}

/** m[k] = v; consumes m; k and v borrowed */
export function rt_map_insert(m: usize, k: usize, v: usize): usize {
  m = mapUnique(m);
  const h = hashVal(k);
  const e = find(m, k, h);
  rt_retain(v);
  if (e >= 0) {
    const p = ents(m) + <usize>e * ESZ;
    const old = <usize>load<u32>(p, 4);
    store<u32>(p, <u32>v, 4);
    rt_release(old);
    return m;
  }
  if (used(m) >= load<i32>(m, M_ECAP)) rehash(m, load<i32>(m, M_LEN) + 1);
  const j = used(m);
  rt_retain(k);
  const np = ents(m) + <usize>j * ESZ;
  store<u32>(np, <u32>k);
  store<u32>(np, <u32>v, 4);
  store<u32>(np, h, 8);
  indexPut(<usize>load<u32>(m, M_IDX), load<i32>(m, M_ICAP), h, j);
  store<i32>(m, j + 1, M_USED);
  store<i32>(m, load<i32>(m, M_LEN) + 1, M_LEN);
  return m;
}

/** the value for k, borrowed, or 0 */
export function mapLookup(m: usize, k: usize): usize {
  const e = find(m, k, hashVal(k));
  return e < 0 ? 0 : entVal(m, e);
}

/** Some(value) or None */
export function rt_map_get(m: usize, k: usize): usize {
  const v = mapLookup(m, k);
  if (v == 0) return rt_none();
  rt_retain(v);
  return wrap1(T_SOME, v);
}

/** m[k] or a panic "key not found: k" */
export function rt_map_index(m: usize, k: usize, line: i32): usize {
  const v = mapLookup(m, k);
  if (v == 0) panicWithValue("key not found: ", k, line);
  rt_retain(v);
  return v;
}

/** m.get(k) or nil when absent (field access on objects) */
export function rt_map_get_or_nil(m: usize, k: usize): usize {
  const v = mapLookup(m, k);
  if (v == 0) return rt_nil();
  rt_retain(v);
  return v;
}

export function rt_map_contains_key(m: usize, k: usize): i32 {
  return find(m, k, hashVal(k)) >= 0 ? 1 : 0;
}

/** removes k; consumes m; stores Some(old value) / None at out (when out != 0); returns m */
export function rt_map_remove(m: usize, k: usize, out: usize): usize {
  const h = hashVal(k);
  if (find(m, k, h) < 0) {
    if (out != 0) store<u32>(out, <u32>rt_none());
    return m;
  }
  m = mapUnique(m);
  const e = find(m, k, h);
  const p = ents(m) + <usize>e * ESZ;
  const key = <usize>load<u32>(p), v = <usize>load<u32>(p, 4);
  store<u32>(p, 0);
  store<u32>(p, 0, 4);
  rt_release(key);
  store<i32>(m, load<i32>(m, M_LEN) - 1, M_LEN);
  if (out != 0) store<u32>(out, <u32>wrap1(T_SOME, v));
  else rt_release(v);
  return m;
}

/** removes every entry; consumes m */
export function rt_map_clear(m: usize): usize {
  rt_release(m);
  return rt_map_new();
}

export function rt_map_keys(m: usize): usize {
  let a = rt_arr_new(EK_REF, load<i32>(m, M_LEN));
  const n = used(m);
  for (let e = 0; e < n; e++) {
    const k = entKey(m, e);
    if (k != 0) { rt_retain(k); a = pushOwned(a, k); }
  }
  return a;
}

export function rt_map_values(m: usize): usize {
  let a = rt_arr_new(EK_REF, load<i32>(m, M_LEN));
  const n = used(m);
  for (let e = 0; e < n; e++) {
    if (entKey(m, e) != 0) { const v = entVal(m, e); rt_retain(v); a = pushOwned(a, v); }
  }
  return a;
}

/** array of (key, value) tuples (typeId 4) in insertion order */
export function rt_map_entries(m: usize): usize {
  let a = rt_arr_new(EK_REF, load<i32>(m, M_LEN));
  const n = used(m);
  for (let e = 0; e < n; e++) {
    const k = entKey(m, e);
    if (k != 0) {
      const v = entVal(m, e);
      rt_retain(k);
      rt_retain(v);
      a = pushOwned(a, pairOwned(k, v));
    }
  }
  return a;
}

export function mapEq(a: usize, b: usize): bool {
  if (load<i32>(a, M_LEN) != load<i32>(b, M_LEN)) return false;
  const n = used(a);
  for (let e = 0; e < n; e++) {
    const k = entKey(a, e);
    if (k == 0) continue;
    const w = mapLookup(b, k);
    if (w == 0 || rt_eq(entVal(a, e), w) == 0) return false;
  }
  return true;
}

/** {k: v, ...} with keys sorted, keys shown raw */
export function mapDisplay(s: usize, m: usize, mode: i32): usize {
  const n = load<i32>(m, M_LEN);
  const order = rt_alloc((n > 0 ? <usize>n : <usize>1) << 2);
  let c = 0;
  const u = used(m);
  for (let e = 0; e < u; e++) {
    const k = entKey(m, e);
    if (k == 0) continue;
    let j = c;
    while (j > 0 && rt_cmp(entKey(m, load<i32>(order + (<usize>(j - 1) << 2))), k) > 0) {
      store<i32>(order + (<usize>j << 2), load<i32>(order + (<usize>(j - 1) << 2)));
      j--;
    }
    store<i32>(order + (<usize>j << 2), e);
    c++;
  }
  s = appendByte(s, 123);
  for (let i = 0; i < c; i++) {
    const e = load<i32>(order + (<usize>i << 2));
    if (i > 0) s = appendLit(s, ", ");
    s = appendValue(s, entKey(m, e), mode == M_DEBUG ? M_DEBUG : M_TOP);
    s = appendLit(s, ": ");
    s = appendValue(s, entVal(m, e), mode);
  }
  rt_free(order);
  return appendByte(s, 125);
}
export function rt_map_is_empty(m: usize): i32 { return load<i32>(m, M_LEN) == 0 ? 1 : 0; }
