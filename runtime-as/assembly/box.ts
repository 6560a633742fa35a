// Boxed scalars, the immortal nil / true / false / None objects, cells, ranges, generic objects.
import {
  K_NIL, K_BOOL, K_INT, K_FLOAT, K_STR, K_ENUM, K_RANGE, K_CELL, K_TUPLE, K_STRUCT, K_CLASS,
  T_NONE, T_SOME, T_OK, T_ERR, T_PAIR, EK_REF, EK_INT, EK_FLOAT, EK_BOOL,
  setHeader, kindOf, tidOf, objNSlots, objSlotKind, slotAddr, setTypes,
} from './abi';
import { rt_alloc, rt_alloc_zero, memInit, blockSize } from './mem';
import { rt_retain, rt_release } from './rc';
import { panicWithType } from './dyn';

const NIL_OBJ: usize = memory.data<i32>([-1, K_NIL], 8);
const TRUE_OBJ: usize = memory.data<i32>([-1, K_BOOL, 1, 0], 8);
const FALSE_OBJ: usize = memory.data<i32>([-1, K_BOOL, 0, 0], 8);
const NONE_OBJ: usize = memory.data<i32>([-1, K_ENUM | (T_NONE << 16)], 8);

export function rt_init(heapBase: usize, typesBase: usize, fileName: usize): void {
  memInit(heapBase);
  setTypes(typesBase, fileName);
}

@inline export function rt_nil(): usize { return NIL_OBJ; }
@inline export function rt_true(): usize { return TRUE_OBJ; }
@inline export function rt_false(): usize { return FALSE_OBJ; }
@inline export function rt_none(): usize { return NONE_OBJ; }
@inline export function rt_box_bool(b: i32): usize { return b != 0 ? TRUE_OBJ : FALSE_OBJ; }

export function rt_box_i64(v: i64): usize {
  const p = rt_alloc(16);
  setHeader(p, K_INT, 0, 0);
  store<i64>(p, v, 8);
  return p;
}

export function rt_box_f64(v: f64): usize {
  const p = rt_alloc(16);
  setHeader(p, K_FLOAT, 0, 0);
  store<f64>(p, v, 8);
  return p;
}

export function rt_kind(p: usize): i32 { return kindOf(p); }
export function rt_type_id(p: usize): i32 { return tidOf(p); }

export function rt_unbox_i64(p: usize, line: i32): i64 {
  if (kindOf(p) != K_INT) panicWithType("expected int, found ", p, line);
  return load<i64>(p, 8);
}

export function rt_unbox_f64(p: usize, line: i32): f64 {
  const k = kindOf(p);
  if (k == K_FLOAT) return load<f64>(p, 8);
  if (k == K_INT) return <f64>load<i64>(p, 8);
  panicWithType("expected float, found ", p, line);
  return 0;
}

export function rt_unbox_bool(p: usize, line: i32): i32 {
  if (kindOf(p) != K_BOOL) panicWithType("expected bool, found ", p, line);
  return load<i32>(p, 8);
}

/** unbox an owned reference and release it (a temporary consumed by its unboxing) */
export function rt_take_i64(p: usize, line: i32): i64 { const v = rt_unbox_i64(p, line); rt_release(p); return v; }
export function rt_take_f64(p: usize, line: i32): f64 { const v = rt_unbox_f64(p, line); rt_release(p); return v; }
export function rt_take_bool(p: usize, line: i32): i32 { const v = rt_unbox_bool(p, line); rt_release(p); return v; }

/** a range; flags: 1 inclusive, 2 no start, 4 no end (see range.ts) */
export function rt_range_new(start: i64, end: i64, flags: i32): usize {
  const p = rt_alloc(32);
  setHeader(p, K_RANGE, 0, 0);
  store<i64>(p, start, 8);
  store<i64>(p, end, 16);
  store<i32>(p, flags, 24);
  store<i32>(p, 0, 28);
  return p;
}

/** an object with slots (tuple / struct / enum / class): header set, rc = 1, slots zeroed */
export function rt_obj_new(kind: i32, typeId: i32, nslots: i32): usize {
  const p = rt_alloc_zero(8 + (<usize>nslots << 3));
  setHeader(p, kind, 0, typeId);
  return p;
}

/** a mutable cell holding one slot of the given slot kind (zeroed; nil for SK_REF) */
export function rt_cell_new(slotKind: i32): usize {
  const p = rt_alloc_zero(16);
  setHeader(p, K_CELL, slotKind, 0);
  if (slotKind == EK_REF) store<u32>(p, <u32>NIL_OBJ, 8);
  return p;
}

/** consumes p; returns p when unique, else a shallow copy (children retained) and releases p */
export function rt_obj_unique(p: usize): usize {
  if (load<i32>(p) == 1) return p;
  const n = objNSlots(p);
  const q = rt_alloc(8 + (<usize>n << 3));
  memory.copy(q, p, 8 + (<usize>n << 3));
  store<i32>(q, 1);
  for (let i = 0; i < n; i++) {
    if (objSlotKind(p, i) == EK_REF) rt_retain(<usize>load<u32>(slotAddr(p, i)));
  }
  rt_release(p);
  return q;
}

/** a one-slot enum (Some / Ok / Err) around a boxed value; consumes v */
export function wrap1(tid: i32, v: usize): usize {
  const p = rt_alloc(16);
  setHeader(p, K_ENUM, 0, tid);
  store<u64>(p, 0, 8);
  store<u32>(p, <u32>v, 8);
  return p;
}
/** Some(v) (v borrowed) */
export function rt_some(v: usize): usize { rt_retain(v); return wrap1(T_SOME, v); }
export function rt_ok(v: usize): usize { rt_retain(v); return wrap1(T_OK, v); }
export function rt_err(v: usize): usize { rt_retain(v); return wrap1(T_ERR, v); }

/** a (a, b) pair tuple with typeId T_PAIR; consumes a and b */
export function pairOwned(a: usize, b: usize): usize {
  const p = rt_alloc(24);
  setHeader(p, K_TUPLE, 0, T_PAIR);
  store<u64>(p, 0, 8);
  store<u64>(p, 0, 16);
  store<u32>(p, <u32>a, 8);
  store<u32>(p, <u32>b, 16);
  return p;
}

/** boxes the value of a slot / element at addr, of slot kind sk (owned) */
export function boxAt(addr: usize, sk: i32): usize {
  if (sk == EK_REF) {
    const v = <usize>load<u32>(addr);
    rt_retain(v);
    return v;
  }
  if (sk == EK_INT) return rt_box_i64(load<i64>(addr));
  if (sk == EK_FLOAT) return rt_box_f64(load<f64>(addr));
  return rt_box_bool(load<i32>(addr));
}

/** stores a boxed value (borrowed) into a slot / element of kind sk (the old value is not released) */
export function storeBoxed(addr: usize, sk: i32, v: usize, line: i32): void {
  if (sk == EK_REF) {
    rt_retain(v);
    store<u32>(addr, <u32>v);
  } else if (sk == EK_INT) store<i64>(addr, rt_unbox_i64(v, line));
  else if (sk == EK_FLOAT) store<f64>(addr, rt_unbox_f64(v, line));
  else store<i32>(addr, rt_unbox_bool(v, line));
}

export function isObj(k: i32): bool {
  return k == K_TUPLE || k == K_STRUCT || k == K_ENUM || k == K_CLASS;
}
