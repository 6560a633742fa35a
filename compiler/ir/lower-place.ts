// Places: updating a value inside a variable through a chain of fields and indexes
// (`grid[r][c] = v`, `self.items.push(x)`, `acct.balance += 5`, `m[key] = v`).
//
// Values have value semantics and are reference counted, so an update rewrites the chain from
// the inside out: each container on the path is made unique (copied only when shared:
// copy-on-write), its slot replaced, and the possibly new container stored back one level up.
// `self` in a `&mut self` method and class instances are updated in place: the caller made the
// receiver unique before the call (see `uniqueReceiver`), so the callee's writes are the caller's.
import type { Expr } from '../syntax/ast.ts';
import { type Ty, DYN, INT } from '../types/types.ts';
import type { IR, VT } from './ir.ts';
import type { ExprLowerer } from './lower-expr.ts';
import { i32, call, coerce, elemOps, isRef, loadSlot, storeSlot, ownership } from './values.ts';

const get = (local: number, vt: VT = 'i32'): IR => ({ op: 'get', local, vt });
const set = (local: number, value: IR): IR => ({ op: 'set', local, value });
const seq = (body: IR[], vt: VT = 'none'): IR => ({ op: 'block', body, vt });

/** Computes the new (owned) value of a place from its current one, both in representation `t`. */
export type Update = (cur: () => IR, t: Ty) => IR;

export class PlaceLowerer {
  constructor(private readonly ex: ExprLowerer) {}

  /** Is `e` a place this lowering can update (a variable, or fields/indexes of one)? */
  isPlace(e: Expr): boolean {
    if (e.kind === 'Ident') return !!this.ex.varOf(e);
    if (e.kind === 'Field' || e.kind === 'Index' || e.kind === 'TupleField') return this.isPlace(e.expr);
    return false;
  }

  /** Is `e` a value updated in place (by-reference `self`, class instances)? */
  private inPlace(e: Expr): boolean {
    const t = this.ex.tyOf(e);
    if (t.k === 'struct' && this.ex.m.typed.decls.structs.get(t.name)?.flavor === 'class') return true;
    if (e.kind !== 'Ident') return false;
    const v = this.ex.varOf(e);
    const inst = this.ex.fb.inst;
    return !!v && v === inst.selfVar && !!inst.decl?.self?.mutable;
  }

  /** A statement that replaces the value at place `e` with `f(current)`. */
  update(e: Expr, f: Update, line: number): IR {
    const t = this.ex.tyOf(e);
    if (e.kind === 'Ident') {
      const v = this.ex.varOf(e)!;
      return this.ex.writeVarOwned(v, f(() => this.ex.readVar(v), this.ex.varTy(v)));
    }
    if (e.kind === 'Field' || e.kind === 'TupleField') {
      const ot = this.ex.tyOf(e.expr);
      const fieldUpdate = (obj: IR, unique: boolean): IR => {
        const o = this.ex.fb.local('obj', 'i32');
        const body: IR[] = [set(o, unique ? call('rt_obj_unique', [obj], 'i32') : obj)];
        if (ot.k === 'map' || (ot.k === 'dyn' && e.kind === 'Field')) {
          // objects / maps: field names are string keys
          if (e.kind !== 'Field') return this.ex.unsupported('tuple field on a map', e);
          const key: IR = { op: 'data', id: this.ex.m.data.str(e.name) };
          const cur = () => coerce(call('rt_dyn_field', [get(o), key, i32(line)], 'i32'), DYN, t, line);
          body[0] = set(o, obj);
          body.push(set(o, this.ex.borrowing(coerce(f(cur, t), t, DYN, line), DYN, v => call('rt_dyn_set_field', [get(o), key, v, i32(line)], 'i32'), 'i32')));
          body.push(get(o));
          return seq(body, 'i32');
        }
        const slot = e.kind === 'Field' ? this.ex.fieldSlot(ot, e.name, e) : e.index;
        const st = e.kind === 'Field' ? this.ex.slotTyOf(ot, slot) : DYN;
        if (!isRef(st)) {
          // an unboxed field: computed from its current value and stored over it
          body.push(storeSlot(get(o), slot, st, coerce(f(() => coerce(loadSlot(get(o), slot, st), st, t, line), t), t, st, line)));
          body.push(get(o));
          return seq(body, 'i32');
        }
        const cur = () => coerce(call('rt_retain_ret', [loadSlot(get(o), slot, DYN)], 'i32'), DYN, t, line);
        const nv = this.ex.fb.local('val', 'i32');
        body.push(set(nv, coerce(f(cur, t), t, DYN, line)));
        body.push(call('rt_release', [loadSlot(get(o), slot, DYN)], 'none'));
        body.push(storeSlot(get(o), slot, DYN, get(nv)));
        body.push(get(o));
        return seq(body, 'i32');
      };
      if (this.inPlace(e.expr)) return { op: 'drop', value: fieldUpdate(this.ex.exprAs(e.expr, ot), false) };
      return this.update(e.expr, (cur) => fieldUpdate(cur(), ot.k !== 'map' && ot.k !== 'dyn'), line);
    }
    if (e.kind === 'Index') {
      const ct = this.ex.tyOf(e.expr);
      const idx = this.ex.fb.local('idx', ct.k === 'arr' ? 'i64' : 'i32');
      const key = ct.k === 'arr' ? this.ex.exprAs(e.index, INT) : this.ex.exprAs(e.index, DYN);
      const pre = set(idx, key);
      const at = get(idx, ct.k === 'arr' ? 'i64' : 'i32');
      const indexUpdate = (c: IR): IR => {
        const a = this.ex.fb.local('coll', 'i32');
        // the setters retain the value they store: the new value is released after (when owned)
        const setWith = (cur: () => IR, setter: (v: IR) => IR): IR =>
          seq([set(a, c), this.ex.borrowing(coerce(f(cur, t), t, DYN, line), DYN, setter, 'i32')], 'i32');
        if (ct.k === 'arr') {
          const ops = elemOps(ct.elem);
          const cur = () => coerce(call(ops.get, [get(a), at, i32(line)], ops.vt), ops.ty, t, line);
          if (ops.ek === 0) return setWith(cur, v => call(ops.set, [get(a), at, v, i32(line)], 'i32'));
          return seq([set(a, c), call(ops.set, [get(a), at, coerce(f(cur, t), t, ops.ty, line), i32(line)], 'i32')], 'i32');
        }
        if (ct.k === 'map') {
          const cur = () => coerce(call('rt_map_index', [get(a), at, i32(line)], 'i32'), DYN, t, line);
          return setWith(cur, v => call('rt_map_insert', [get(a), at, v], 'i32'));
        }
        const cur = () => coerce(call('rt_dyn_index', [get(a), at, i32(line)], 'i32'), DYN, t, line);
        return setWith(cur, v => call('rt_dm_set', [get(a), at, v, i32(line)], 'i32'));
      };
      const inner = this.inPlace(e.expr)
        ? this.ex.unsupported('indexing into `self` itself', e)
        : this.update(e.expr, (cur) => indexUpdate(ct.k === 'arr' || ct.k === 'map' ? cur() : coerce(cur(), ct, DYN, line)), line);
      // the setters borrow the key (a map retains what it keeps): an owned one is released after
      const keyOwned = ct.k !== 'arr' && ownership(key) === 'owned';
      return seq([pre, inner, ...(keyOwned ? [call('rt_release', [at], 'none')] : [])]);
    }
    return this.ex.unsupported('this assignment target', e);
  }

  /**
   * The receiver of a `&mut self` method: made unique in its place first, so that the method's
   * in-place writes change exactly the caller's value. Returns [statements, pointer to pass].
   */
  uniqueReceiver(recv: Expr, line: number): { pre: IR; value: IR } {
    const l = this.ex.fb.local('recv', 'i32');
    if (this.inPlace(recv) || !this.isPlace(recv)) return { pre: set(l, this.ex.exprAs(recv, this.ex.tyOf(recv))), value: get(l) };
    const t = this.ex.tyOf(recv);
    const pre = this.update(recv, (cur) => ({ op: 'tee', local: l, value: t.k === 'dyn' || t.k === 'struct' || t.k === 'enum'
      ? call('rt_obj_unique_any', [cur()], 'i32') : cur(), vt: 'i32' }), line);
    return { pre, value: get(l) };
  }
}
