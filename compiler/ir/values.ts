// How static types become wasm values, and the conversions between representations
// (boxing a scalar into a heap object, unboxing with a run-time check, int -> float).
import type { Ty } from '../types/types.ts';
import { type IR, type VT, vtOfResult } from './ir.ts';

export function vtOf(t: Ty): VT {
  switch (t.k) {
    case 'int': return 'i64';
    case 'float': return 'f64';
    case 'bool': return 'i32';
    case 'nil': case 'never': return 'none';
    default: return 'i32';
  }
}

export const isRef = (t: Ty) => vtOf(t) === 'i32' && t.k !== 'bool';

export const i32 = (value: number): IR => ({ op: 'const', vt: 'i32', value });
export const i64 = (value: bigint): IR => ({ op: 'const', vt: 'i64', value });
export const f64 = (value: number): IR => ({ op: 'const', vt: 'f64', value });
export const call = (fn: string, args: IR[], vt: VT): IR => ({ op: 'call', fn, args, vt });
export const nilRef = (): IR => call('rt_nil', [], 'i32');

/**
 * Who owns the reference an expression produces: `owned` (+1, the consumer must store or release
 * it: calls, constructors), `borrowed` (a read of a variable, slot or field: retain to keep it),
 * `static` (immortal data), or `unknown` (e.g. a block left through a branch carrying a value) —
 * treated as borrowed wherever that is the safe side.
 */
export type Ownership = 'owned' | 'borrowed' | 'static' | 'unknown';

export function ownership(ir: IR): Ownership {
  switch (ir.op) {
    case 'call': case 'calli': return 'owned';
    case 'get': case 'gget': case 'load': return 'borrowed';
    case 'data': return 'static';
    case 'tee': return 'unknown';
    case 'block':
      if (ir.owned) return 'owned';
      if (ir.label !== undefined || ir.body.length === 0) return 'unknown';
      return ownership(ir.body[ir.body.length - 1]);
    case 'if': {
      if (!ir.else) return 'unknown';
      const a = ownership(ir.then), b = ownership(ir.else);
      if (a === b) return a;
      if ((a === 'owned' || a === 'static') && (b === 'owned' || b === 'static')) return 'owned';
      return 'unknown';
    }
    default: return 'unknown';
  }
}

/**
 * `ir` (of type never: it cannot complete, e.g. it reads an element of an array that has none)
 * followed by `unreachable`, as a value of `vt`; a value `ir` yields anyway is dropped.
 */
function unreachableAfter(ir: IR, vt: VT): IR {
  return { op: 'block', body: [vtOfResult(ir) === 'none' ? ir : { op: 'drop', value: ir }, { op: 'unreachable' }], vt };
}

/** A value of type `t` as a boxed heap reference. */
export function box(ir: IR, t: Ty): IR {
  switch (t.k) {
    case 'int': return call('rt_box_i64', [ir], 'i32');
    case 'float': return call('rt_box_f64', [ir], 'i32');
    case 'bool': return call('rt_box_bool', [ir], 'i32');
    case 'nil': return ir.op === 'nop' ? nilRef() : { op: 'block', body: [ir, nilRef()], vt: 'i32' };
    case 'never': return unreachableAfter(ir, 'i32');
    default: return ir;
  }
}

/** Converts a value of type `from` to the representation of type `to`. */
export function coerce(ir: IR, from: Ty, to: Ty, line: number): IR {
  const fv = vtOf(from), tv = vtOf(to);
  if (from.k === 'never') return tv === 'none' ? ir : unreachableAfter(ir, tv);
  if (to.k === 'nil' || to.k === 'never') return fv === 'none' ? ir : { op: 'drop', value: ir };
  if (from.k === to.k && fv === tv) return ir;
  if (from.k === 'int' && to.k === 'float') return { op: 'un', w: 'f64.convert_i64_s', a: ir, vt: 'f64' };
  if (tv === 'i32' && to.k !== 'bool') return box(ir, from);
  // to a scalar from a reference: unbox with a check
  const ref = fv === 'i32' && from.k !== 'bool' ? ir : box(ir, from);
  // an owned temporary (a fresh box, a looked-up element) is released by its unboxing
  const how = ownership(ref) === 'owned' ? 'take' : 'unbox';
  switch (to.k) {
    case 'int': return call(`rt_${how}_i64`, [ref, i32(line)], 'i64');
    case 'float': return call(`rt_${how}_f64`, [ref, i32(line)], 'f64');
    case 'bool': return call(`rt_${how}_bool`, [ref, i32(line)], 'i32');
  }
  return ir;
}

/**
 * How compiled code reads, writes and appends the elements of an array whose static element type
 * is `elem`: ints, floats and bools unboxed through the typed entry points (element kind `ek`),
 * anything else boxed. The runtime accepts every element kind at every entry point, so these are
 * the fast paths, not a promise about the array's representation.
 */
export interface ElemOps { ek: number; ty: Ty; vt: VT; get: string; set: string; push: string; pushLine: boolean }
export function elemOps(elem: Ty): ElemOps {
  switch (elem.k) {
    case 'int': return { ek: 1, ty: elem, vt: 'i64', get: 'rt_arr_get_i64', set: 'rt_arr_set_i64', push: 'rt_arr_push_i64', pushLine: false };
    case 'float': return { ek: 2, ty: elem, vt: 'f64', get: 'rt_arr_get_f64', set: 'rt_arr_set_f64', push: 'rt_arr_push_f64', pushLine: false };
    case 'bool': return { ek: 3, ty: elem, vt: 'i32', get: 'rt_arr_get_bool', set: 'rt_arr_set_bool', push: 'rt_arr_push_bool', pushLine: false };
    default: return { ek: 0, ty: { k: 'dyn' }, vt: 'i32', get: 'rt_arr_get_dyn', set: 'rt_arr_set_dyn', push: 'rt_arr_push_dyn', pushLine: true };
  }
}

/**
 * Struct and class fields declared `int`, `float` or `bool` live unboxed in their 8-byte slot
 * (slot kind 1, 2, 3 in the descriptor); every other field holds a reference (slot kind 0).
 */
export function slotTy(declared: Ty): Ty {
  return declared.k === 'int' || declared.k === 'float' || declared.k === 'bool' ? declared : { k: 'dyn' };
}
export function slotKind(st: Ty): number {
  return st.k === 'int' ? 1 : st.k === 'float' ? 2 : st.k === 'bool' ? 3 : 0;
}
/** The value of slot `i` of the object at `ptr`, whose slot type is `st` (a ref is borrowed). */
export function loadSlot(ptr: IR, i: number, st: Ty): IR {
  const vt = vtOf(st);
  return { op: 'load', w: `${vt}.load`, offset: 8 + 8 * i, ptr, vt };
}
/** Stores `value` (of slot type `st`; a ref already owned by the object) into slot `i`. */
export function storeSlot(ptr: IR, i: number, st: Ty, value: IR): IR {
  return { op: 'store', w: `${vtOf(st)}.store`, offset: 8 + 8 * i, ptr, value };
}
