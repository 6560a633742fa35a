// Lowering of statements and expressions of one function instance.
import type { Block, Expr, Pattern, Stmt, LitValue, FStringPart } from '../syntax/ast.ts';
import type { Instance, VarInfo } from '../types/program.ts';
import { type Ty, DYN, INT, FLOAT, STR, BOOL, NIL, RANGE, isScalar } from '../types/types.ts';
import { type IR, type VT, vtOfResult, located } from './ir.ts';
import type { ModuleCtx } from './lower.ts';
import { FnBuilder, Unsupported } from './fnbuilder.ts';
import { vtOf, i32, i64, f64, call, box, coerce, nilRef, ownership, isRef, elemOps, loadSlot, storeSlot } from './values.ts';
import { K, SK } from './data.ts';
import { parseTyWord, type RtMethod } from '../types/methods.ts';
import { HofLowerer } from './lower-hof.ts';
import { checkedInt } from './arith.ts';
import { PlaceLowerer } from './lower-place.ts';
import { FormatLowerer } from './lower-format.ts';
import { formatPlan } from '../types/fmtplan.ts';
import { parseSpec } from '../syntax/fmtspec.ts';
import type { Span } from '../diagnostics.ts';

const varTy = (v: VarInfo): Ty => (v.captured ? DYN : v.ty);
const seq = (body: IR[], vt: VT = 'none', owned = false): IR => (owned ? { op: 'block', body, vt, owned } : { op: 'block', body, vt });
const drop = (ir: IR): IR => (ir.op === 'nop' ? ir : vtOfResult(ir) !== 'none' ? { op: 'drop', value: ir } : ir);

export class ExprLowerer {
  constructor(readonly m: ModuleCtx, readonly fb: FnBuilder) {}

  private readonly hof = new HofLowerer(this);
  private readonly place = new PlaceLowerer(this);
  private readonly fmt = new FormatLowerer(this);
  private get inst(): Instance { return this.fb.inst; }
  private ty(e: Expr): Ty { return this.inst.types.get(e) ?? DYN; }
  tyOf(e: Expr): Ty { return this.ty(e); }
  varOf(e: Expr): VarInfo | undefined { return this.inst.refs.get(e); }
  varTy(v: VarInfo): Ty { return varTy(v); }

  /** Slot index of field `name` in struct type t (static), or a located error. */
  fieldSlot(t: Ty, name: string, e: Expr): number {
    if (t.k === 'struct') {
      const i = this.m.typed.decls.structs.get(t.name)!.fields.findIndex(f => f.name === name);
      if (i >= 0) return i;
    }
    return this.unsupported(`field ${name} on ${t.k}`, e);
  }
  /** The slot type of slot `i` of struct type t: int/float/bool stored unboxed, else dyn. */
  slotTyOf(t: Ty, i: number): Ty {
    return t.k === 'struct' ? this.m.structSlotTys.get(t.name)?.[i] ?? DYN : DYN;
  }
  unsupported(what: string, e: { span: import('../diagnostics.ts').Span }): never {
    throw new Unsupported(`not supported yet: ${what}`, e.span);
  }

  coerceTo(ir: IR, from: Ty, to: Ty, line: number): IR { return coerce(ir, from, to, line); }

  // ------------------------------------------------------------ variables
  private cellOf(v: VarInfo): IR {
    const ci = this.inst.captures.indexOf(v);
    if (ci >= 0 && this.fb.envLocal >= 0) return { op: 'load', w: 'i32.load', offset: 20 + 4 * ci, ptr: { op: 'get', local: this.fb.envLocal, vt: 'i32' }, vt: 'i32' };
    return { op: 'get', local: this.fb.varSlot(v, 'i32'), vt: 'i32' };
  }

  readVar(v: VarInfo): IR {
    const t = varTy(v), vt = vtOf(t);
    if (vt === 'none') return { op: 'nop' };
    if (v.captured) return { op: 'load', w: 'i32.load', offset: 8, ptr: this.cellOf(v), vt: 'i32' };
    if (v.global) return { op: 'gget', name: this.m.globalName(v), vt };
    return { op: 'get', local: this.fb.varSlot(v, vt), vt };
  }

  /** Stores a value (already in the variable's representation). */
  writeVar(v: VarInfo, value: IR): IR {
    const t = varTy(v), vt = vtOf(t);
    if (vt === 'none') return drop(value);
    if (v.captured) {
      // the cell owns its value: store the new one, then release the old one
      const tmp = this.fb.local('new', 'i32');
      const cell = this.fb.local('cell', 'i32');
      const cellGet: IR = { op: 'get', local: cell, vt: 'i32' };
      return seq([
        { op: 'set', local: tmp, value: this.retained(value, t) },
        { op: 'set', local: cell, value: this.cellOf(v) },
        call('rt_release', [{ op: 'load', w: 'i32.load', offset: 8, ptr: cellGet, vt: 'i32' }], 'none'),
        { op: 'store', w: 'i32.store', offset: 8, ptr: cellGet, value: { op: 'get', local: tmp, vt: 'i32' } },
      ]);
    }
    const write = (x: IR): IR => v.global ? { op: 'gset', name: this.m.globalName(v), value: x } : { op: 'set', local: this.fb.varSlot(v, vt), value: x };
    if (!isRef(t)) return write(value);
    // a variable owns its value: the new one is made owned first, then the old one released
    // (a `let` in a loop body frees the previous iteration's value here)
    const tmp = this.fb.local('new', 'i32');
    return seq([
      { op: 'set', local: tmp, value: this.retained(value, t) },
      call('rt_release', [this.readVar(v)], 'none'),
      write({ op: 'get', local: tmp, vt: 'i32' }),
    ]);
  }

  /** Statement position: an owned reference nobody uses is released, anything else dropped. */
  discard(ir: IR, t: Ty): IR {
    if (isRef(t) && vtOfResult(ir) === 'i32' && ownership(ir) === 'owned') return call('rt_release', [ir], 'none');
    return drop(ir);
  }

  /** The value as an owned reference (retained unless it already is one). */
  ownedValue(ir: IR, t: Ty): IR {
    if (!isRef(t)) return ir;
    const o = ownership(ir);
    return o === 'owned' || o === 'static' ? ir : call('rt_retain_ret', [ir], 'i32');
  }

  /** `use(args)` where the operation borrows every argument: owned ones are released after, in order. */
  borrowingAll(args: IR[], tys: Ty[], use: (xs: IR[]) => IR, vt: VT): IR {
    const go = (i: number, done: IR[]): IR => i === args.length ? use(done) : this.borrowing(args[i], tys[i], a => go(i + 1, [...done, a]), vt);
    return go(0, []);
  }

  /** Uses an owned temporary with a borrowing operation, then releases it. */
  borrowing(value: IR, t: Ty, use: (v: IR) => IR, vt: VT): IR {
    if (!isRef(t) || ownership(value) !== 'owned') return use(value);
    const tmp = this.fb.local('tmp', 'i32');
    const r = vt === 'none' ? -1 : this.fb.local('res', vt);
    const get: IR = { op: 'get', local: tmp, vt: 'i32' };
    const u = use(get);
    if (r < 0) return seq([{ op: 'set', local: tmp, value }, u, call('rt_release', [get], 'none')]);
    return { op: 'block', body: [{ op: 'set', local: tmp, value }, { op: 'set', local: r, value: u }, call('rt_release', [get], 'none'), { op: 'get', local: r, vt }], vt, owned: ownership(u) === 'owned' };
  }

  /**
   * Keeps a value for the extent of a construct that borrows it (a match scrutinee, a for loop's
   * collection). An owned reference goes into a held local: `release` frees it at the construct's
   * end; a `return` from inside frees it with the function's variables, and should `break` or
   * `continue` skip the end, `init` frees it before the local is reused.
   */
  hold(value: IR, t: Ty, name: string): { local: number; init: IR; release: IR } {
    const vt = vtOf(t) === 'none' ? 'i32' : vtOf(t);
    if (!isRef(t) || ownership(value) !== 'owned') {
      const local = this.fb.local(name, vt);
      return { local, init: { op: 'set', local, value }, release: { op: 'nop' } };
    }
    const local = this.fb.held(name);
    const get: IR = { op: 'get', local, vt: 'i32' };
    const free = call('rt_release', [get], 'none');
    return {
      local,
      init: seq([free, { op: 'set', local, value }]),
      release: seq([free, { op: 'set', local, value: i32(0) }]),
    };
  }

  /** `result`, then `release` (a held value's), keeping the result's value and ownership */
  thenRelease(result: IR, release: IR, vt: VT, owned: boolean): IR {
    if (release.op === 'nop') return result;
    if (vt === 'none') return seq([result, release]);
    const r = this.fb.local('result', vt);
    return seq([{ op: 'set', local: r, value: result }, release, { op: 'get', local: r, vt }], vt, owned);
  }

  /**
   * The values of a construct's branches (if/else, match arms) of result type t: when some are
   * owned and others borrowed, the borrowed ones are retained so that the result is owned either
   * way (otherwise an owned branch would leak). Branches of type never are left alone.
   */
  branchValues(values: { ir: IR; t: Ty }[], t: Ty): { irs: IR[]; owned: boolean } {
    const live = values.filter(v => v.t.k !== 'never');
    const owns = live.map(v => ownership(v.ir));
    if (!isRef(t) || !owns.includes('owned') || owns.every(o => o === 'owned' || o === 'static')) {
      return { irs: values.map(v => v.ir), owned: isRef(t) && owns.length > 0 && owns.every(o => o === 'owned' || o === 'static') };
    }
    return { irs: values.map(v => (v.t.k === 'never' ? v.ir : this.ownedValue(v.ir, t))), owned: true };
  }

  /** Binding a new variable: captured ones get a fresh cell first. */
  private defineVar(v: VarInfo, value: IR): IR {
    if (v.captured && !v.global && this.inst.captures.indexOf(v) < 0) {
      // a fresh cell per binding (closures made in a loop capture each iteration's); the local
      // owns it, so the previous binding's cell is released first (closures hold their own)
      const slot = this.fb.varSlot(v, 'i32');
      return seq([
        call('rt_release', [{ op: 'get', local: slot, vt: 'i32' }], 'none'),
        { op: 'set', local: slot, value: call('rt_cell_new', [i32(SK.REF)], 'i32') },
        this.writeVar(v, value),
      ]);
    }
    return this.writeVar(v, value);
  }

  /** Values copied into a second place are retained (copy-on-write needs exact sharing counts). */
  private retained(value: IR, t: Ty): IR {
    if (isScalar(t) || t.k === 'never') return value;
    const o = ownership(value);
    return o === 'owned' || o === 'static' ? value : call('rt_retain_ret', [value], 'i32');
  }

  bindParam(v: VarInfo, value: IR, t: Ty): IR[] {
    if (!v.captured) {
      return [this.defineVar(v, coerce(value, t, varTy(v), 0))];
    }
    return [this.defineVar(v, coerce(value, t, DYN, 0))];
  }

  // ------------------------------------------------------------ statements and blocks
  stmts(_inst: Instance, body: Stmt[]): IR {
    return seq(body.map(s => this.stmt(s)));
  }

  /** a statement's IR, located at its line */
  stmt(s: Stmt): IR {
    return located(this.stmtNode(s), s.span.line);
  }

  private stmtNode(s: Stmt): IR {
    switch (s.kind) {
      case 'ItemStmt': return { op: 'nop' };
      case 'ExprStmt': return this.discard(this.expr(s.expr), this.ty(s.expr));
      case 'Let': {
        if (!s.init) return { op: 'nop' };
        const vt = this.ty(s.init);
        if (s.elseBlock) return this.letElse(s.pattern, s.init, s.elseBlock);
        return this.bindPatternIR(s.pattern, this.expr(s.init), vt);
      }
    }
  }

  blockTy(b: Block): Ty {
    return b.tail ? this.ty(b.tail) : NIL;
  }

  block(b: Block): IR {
    const body = b.stmts.map(s => this.stmt(s));
    if (b.tail) {
      const t = this.expr(b.tail);
      body.push(t);
      return seq(body, vtOfResult(t));
    }
    return seq(body, 'none');
  }

  /** Lowers e and converts its value to type `to`. */
  exprAs(e: Expr, to: Ty): IR {
    return coerce(this.expr(e), this.ty(e), to, e.span.line);
  }

  // ------------------------------------------------------------ patterns
  /** Irrefutable binding of a value of type t (let, params, for). */
  bindPatternIR(p: Pattern, value: IR, t: Ty): IR {
    switch (p.kind) {
      case 'PWild': return drop(value);
      case 'PBind': {
        const v = this.inst.binds.get(p);
        if (!v) return drop(value);
        return this.defineVar(v, coerce(value, t, varTy(v), p.span.line));
      }
      case 'PTuple': {
        const tmp = this.fb.local('tup', 'i32');
        const out: IR[] = [{ op: 'set', local: tmp, value: coerce(value, t, DYN, p.span.line) }];
        p.elems.forEach((el, i) => {
          const et = t.k === 'tuple' ? t.elems[i] ?? DYN : DYN;
          const slot: IR = loadSlot({ op: 'get', local: tmp, vt: 'i32' }, i, DYN);
          out.push(this.bindPatternIR(el, coerce(slot, DYN, et, p.span.line), et));
        });
        return seq(out);
      }
      default: {
        // refutable shapes in an irrefutable position: test and panic when they do not match
        const tmp = this.fb.local('pat', vtOf(t) === 'none' ? 'i32' : vtOf(t));
        const fail = this.fb.label('patfail');
        return seq([
          { op: 'set', local: tmp, value },
          { op: 'block', label: fail, vt: 'none', body: [this.testPattern(p, { op: 'get', local: tmp, vt: vtOf(t) }, t, fail)] },
        ]);
      }
    }
  }

  /** Code that branches to `fail` when the value does not match, and binds variables otherwise. */
  testPattern(p: Pattern, value: IR, t: Ty, fail: string): IR {
    const line = p.span.line;
    const failIf = (cond: IR): IR => ({ op: 'br', label: fail, cond });
    switch (p.kind) {
      case 'PWild': return { op: 'nop' };
      case 'PBind': {
        const bind = this.bindPatternIR({ ...p, sub: undefined }, value, t);
        const v = this.inst.binds.get(p);
        const bindIR = v ? this.defineVar(v, coerce(value, t, varTy(v), line)) : bind;
        return p.sub ? seq([this.testPattern(p.sub, value, t, fail), bindIR]) : bindIR;
      }
      case 'PLit': return failIf({ op: 'un', w: 'i32.eqz', a: this.litEq(value, t, p.value, line), vt: 'i32' });
      case 'PRange': {
        // an open side (`5..`, `..=9`) does not bound
        const tmp = this.fb.local('rng', vtOf(t) === 'none' ? 'i32' : vtOf(t));
        const v: IR = { op: 'get', local: tmp, vt: vtOf(t) === 'none' ? 'i32' : vtOf(t) };
        const tests = [p.lo && this.litCmp(v, t, p.lo, 'ge', line), p.hi && this.litCmp(v, t, p.hi, p.inclusive ? 'le' : 'lt', line)].filter((x): x is IR => !!x);
        const both = tests.reduce((a, b) => ({ op: 'bin', w: 'i32.and', a, b, vt: 'i32' }));
        return seq([{ op: 'set', local: tmp, value }, failIf({ op: 'un', w: 'i32.eqz', a: both, vt: 'i32' })]);
      }
      case 'POr': {
        // alternatives bind the same variables (the type phase made them one), so whichever matches binds them
        const ok = this.fb.label('or');
        const tmp = this.fb.local('alt', vtOf(t) === 'none' ? 'i32' : vtOf(t));
        const v: IR = { op: 'get', local: tmp, vt: vtOf(t) === 'none' ? 'i32' : vtOf(t) };
        const body: IR[] = [vtOf(t) === 'none' ? { op: 'nop' } : { op: 'set', local: tmp, value }];
        for (const alt of p.alts) {
          const next = this.fb.label('alt');
          body.push({ op: 'block', label: next, vt: 'none', body: [this.testPattern(alt, v, t, next), { op: 'br', label: ok }] });
        }
        body.push({ op: 'br', label: fail });
        return { op: 'block', label: ok, vt: 'none', body };
      }
      case 'PTuple': {
        const tmp = this.fb.local('tup', 'i32');
        const out: IR[] = [{ op: 'set', local: tmp, value: coerce(value, t, DYN, line) }];
        if (t.k !== 'tuple') out.push(failIf(this.notKind({ op: 'get', local: tmp, vt: 'i32' }, K.TUPLE)));
        p.elems.forEach((el, i) => {
          const et = t.k === 'tuple' ? t.elems[i] ?? DYN : DYN;
          const slot: IR = loadSlot({ op: 'get', local: tmp, vt: 'i32' }, i, DYN);
          out.push(this.testPattern(el, coerce(slot, DYN, et, line), et, fail));
        });
        return seq(out);
      }
      case 'PPath': case 'PVariant': {
        const path = p.path;
        const vname = path[path.length - 1];
        let typeId: number;
        if (path.length === 1 && vname === 'None') typeId = 0;
        else if (path.length === 1 && vname === 'Some') typeId = 1;
        else if (path.length === 1 && vname === 'Ok') typeId = 2;
        else if (path.length === 1 && vname === 'Err') typeId = 3;
        else {
          const ename = path.length >= 2 ? path[path.length - 2] : this.m.typed.decls.variantOwner.get(vname);
          const id = this.m.enumTypeIds.get(`${ename}::${vname}`);
          if (id === undefined) this.unsupported(`pattern ${path.join('::')}`, p);
          typeId = id;
        }
        const tmp = this.fb.local('en', 'i32');
        const ptr: IR = { op: 'get', local: tmp, vt: 'i32' };
        const out: IR[] = [{ op: 'set', local: tmp, value: coerce(value, t, DYN, line) }];
        if (!(t.k === 'enum' || t.k === 'option' || t.k === 'result')) out.push(failIf(this.notKind(ptr, K.ENUM)));
        out.push(failIf({ op: 'bin', w: 'i32.ne', a: { op: 'load', w: 'i32.load16_u', offset: 6, ptr, vt: 'i32' }, b: i32(typeId), vt: 'i32' }));
        if (p.kind === 'PVariant') {
          const ftys = this.variantFieldTys(path, t);
          p.args.forEach((a, i) => {
            const ft = ftys[i] ?? DYN;
            const slot: IR = loadSlot(ptr, i, DYN);
            out.push(this.testPattern(a, coerce(slot, DYN, ft, line), ft, fail));
          });
        }
        return seq(out);
      }
      case 'PStruct': {
        const name = p.path[p.path.length - 1];
        const sd = p.path.length === 1 ? this.m.typed.decls.structs.get(name) : undefined;
        let typeId: number | undefined;
        let fieldNames: string[];
        if (sd) {
          typeId = this.m.structTypeIds.get(name);
          fieldNames = sd.fields.map(f => f.name);
        } else {
          const ename = p.path.length >= 2 ? p.path[p.path.length - 2] : this.m.typed.decls.variantOwner.get(name);
          const vd = ename ? this.m.typed.decls.enums.get(ename)?.variants.find(x => x.name === name) : undefined;
          typeId = this.m.enumTypeIds.get(`${ename}::${name}`);
          if (!vd || typeId === undefined) return this.unsupported(`pattern ${p.path.join('::')}`, p);
          fieldNames = vd.fields.map(f => f.name);
        }
        const tmp = this.fb.local('st', 'i32');
        const ptr: IR = { op: 'get', local: tmp, vt: 'i32' };
        const out: IR[] = [{ op: 'set', local: tmp, value: coerce(value, t, DYN, line) }];
        const isObj: IR = { op: 'bin', w: 'i32.lt_u', a: { op: 'load', w: 'i32.load8_u', offset: 4, ptr, vt: 'i32' }, b: i32(K.TUPLE), vt: 'i32' };
        if (!(sd && t.k === 'struct')) out.push(failIf(isObj), failIf({ op: 'bin', w: 'i32.ne', a: { op: 'load', w: 'i32.load16_u', offset: 6, ptr, vt: 'i32' }, b: i32(typeId!), vt: 'i32' }));
        for (const f of p.fields) {
          const idx = fieldNames.indexOf(f.name);
          if (idx < 0) return this.unsupported(`field ${f.name} in this pattern`, f);
          const sty = sd ? this.slotTyOf({ k: 'struct', name }, idx) : DYN;
          out.push(this.testPattern(f.pat, loadSlot(ptr, idx, sty), sty, fail));
        }
        return seq(out);
      }
      case 'PArray': {
        const tmp = this.fb.local('arr', 'i32');
        const len = this.fb.local('len', 'i64');
        const ptr: IR = { op: 'get', local: tmp, vt: 'i32' };
        const out: IR[] = [{ op: 'set', local: tmp, value: coerce(value, t, DYN, line) }];
        if (t.k !== 'arr') out.push(failIf(this.notKind(ptr, K.ARRAY)));
        out.push({ op: 'set', local: len, value: { op: 'un', w: 'i64.extend_i32_s', a: { op: 'load', w: 'i32.load', offset: 8, ptr, vt: 'i32' }, vt: 'i64' } });
        const n = p.elems.length;
        const lenIR: IR = { op: 'get', local: len, vt: 'i64' };
        out.push(failIf({ op: 'bin', w: p.rest ? 'i64.lt_s' : 'i64.ne', a: lenIR, b: i64(BigInt(n)), vt: 'i32' }));
        const restAt = p.rest ? p.rest.index : n;
        p.elems.forEach((el, i) => {
          const at: IR = i < restAt ? i64(BigInt(i)) : { op: 'bin', w: 'i64.sub', a: lenIR, b: i64(BigInt(n - i)), vt: 'i64' };
          out.push(this.testPattern(el, call('rt_arr_get_dyn', [ptr, at, i32(line)], 'i32'), DYN, fail));
        });
        const rv = this.inst.binds.get(p);
        if (p.rest?.bind && rv) {
          const end: IR = { op: 'bin', w: 'i64.sub', a: lenIR, b: i64(BigInt(n - restAt)), vt: 'i64' };
          const rest = call('rt_arr_slice', [ptr, i64(BigInt(restAt)), end, i32(3), i32(line)], 'i32');
          out.push(this.defineVar(rv, coerce(rest, { k: 'arr', elem: DYN }, varTy(rv), line)));
        }
        return seq(out);
      }
    }
    return { op: 'nop' };
  }

  private variantFieldTys(path: string[], t: Ty): Ty[] {
    const vname = path[path.length - 1];
    if (t.k === 'option' && vname === 'Some') return [t.inner];
    if (t.k === 'result') return [vname === 'Err' ? t.err : t.ok];
    return [];
  }

  private notKind(ptr: IR, kind: number): IR {
    return { op: 'bin', w: 'i32.ne', a: { op: 'load', w: 'i32.load8_u', offset: 4, ptr, vt: 'i32' }, b: i32(kind), vt: 'i32' };
  }

  private litIR(v: LitValue): { ir: IR; t: Ty } {
    switch (v.kind) {
      case 'int': return { ir: i64(BigInt.asIntN(64, v.value)), t: INT };
      case 'float': return { ir: f64(v.value), t: FLOAT };
      case 'bool': return { ir: i32(v.value ? 1 : 0), t: BOOL };
      case 'str': case 'char': return { ir: { op: 'data', id: this.m.data.str(v.value) }, t: STR };
      case 'nil': return { ir: { op: 'nop' }, t: NIL };
    }
  }

  private litEq(value: IR, t: Ty, lit: LitValue, line: number): IR {
    const l = this.litIR(lit);
    if (t.k === 'int' && l.t.k === 'int') return { op: 'bin', w: 'i64.eq', a: value, b: l.ir, vt: 'i32' };
    if (t.k === 'float' && l.t.k === 'float') return { op: 'bin', w: 'f64.eq', a: value, b: l.ir, vt: 'i32' };
    if (t.k === 'bool' && l.t.k === 'bool') return { op: 'bin', w: 'i32.eq', a: value, b: l.ir, vt: 'i32' };
    if (t.k === 'str' && l.t.k === 'str') return call('rt_str_eq', [value, l.ir], 'i32');
    return call('rt_eq', [coerce(value, t, DYN, line), box(l.ir, l.t)], 'i32');
  }

  private litCmp(value: IR, t: Ty, lit: LitValue, op: 'ge' | 'le' | 'lt', line: number): IR {
    const l = this.litIR(lit);
    if (t.k === 'int' && l.t.k === 'int') return { op: 'bin', w: `i64.${op}_s`, a: value, b: l.ir, vt: 'i32' };
    if (t.k === 'float') return { op: 'bin', w: `f64.${op}`, a: value, b: coerce(l.ir, l.t, FLOAT, line), vt: 'i32' };
    const fn = op === 'ge' ? 'rt_dyn_ge' : op === 'le' ? 'rt_dyn_le' : 'rt_dyn_lt';
    return call(fn, [coerce(value, t, DYN, line), box(l.ir, l.t), i32(line)], 'i32');
  }

  // ------------------------------------------------------------ expressions
  /** an expression's IR, located at its line (nodes built inside keep their own lines) */
  expr(e: Expr): IR {
    return located(this.exprNode(e), e.span.line);
  }

  private exprNode(e: Expr): IR {
    const t = this.ty(e);
    const line = e.span.line;
    switch (e.kind) {
      case 'Lit': return this.litIR(e.value).ir;
      case 'FString': return this.fstring(e.parts, line);
      case 'Ident': {
        const v = this.inst.refs.get(e);
        if (v) return this.readVar(v);
        if (e.name === 'None') return this.m.unitObject(0);
        const owner = this.m.typed.decls.variantOwner.get(e.name);
        if (owner) return this.m.unitObject(this.m.enumTypeIds.get(`${owner}::${e.name}`)!);
        if (this.inst.fnValues.has(e)) return this.fnValue(this.inst.fnValues.get(e)!);
        if (e.name === 'nil') return { op: 'nop' };
        return this.unsupported(`name ${e.name}`, e);
      }
      case 'Path': {
        const [a, b] = e.path;
        if (a === 'Option' && b === 'None') return this.m.unitObject(0);
        const id = this.m.enumTypeIds.get(`${a}::${b}`);
        if (id !== undefined) return this.m.unitObject(id);
        if (a === 'i64' && b === 'MAX') return i64((1n << 63n) - 1n);
        if (a === 'i64' && b === 'MIN') return i64(-(1n << 63n));
        if (a === 'f64' && b === 'INFINITY') return f64(Infinity);
        if (a === 'f64' && b === 'NEG_INFINITY') return f64(-Infinity);
        if (a === 'f64' && b === 'NAN') return f64(NaN);
        if (a === 'f64' && b === 'EPSILON') return f64(Number.EPSILON);
        return this.unsupported(`path ${e.path.join('::')} as a value`, e);
      }
      case 'Unary': {
        const at = this.ty(e.expr);
        const a = this.expr(e.expr);
        if (e.op === '-') {
          if (at.k === 'int') {
            if (e.expr.kind === 'Lit' && e.expr.value.kind === 'int') return i64(BigInt.asIntN(64, -e.expr.value.value));
            return call('__sub', [i64(0n), a, i32(line)], 'i64');
          }
          if (at.k === 'float') return { op: 'un', w: 'f64.neg', a, vt: 'f64' };
          return call('rt_dyn_neg', [coerce(a, at, DYN, line), i32(line)], 'i32');
        }
        if (e.op === '!') {
          if (at.k === 'bool') return { op: 'un', w: 'i32.eqz', a, vt: 'i32' };
          if (at.k === 'int') return { op: 'bin', w: 'i64.xor', a, b: i64(-1n), vt: 'i64' };
          return call('rt_dyn_not', [coerce(a, at, DYN, line), i32(line)], 'i32');
        }
        if (at.k === 'int') return { op: 'bin', w: 'i64.xor', a, b: i64(-1n), vt: 'i64' };
        return this.unsupported('`~` on a non-integer', e);
      }
      case 'Binary': return this.binary(e.op, e.left, e.right, t, line);
      case 'Assign': return this.assign(e);
      case 'Call': return this.callExpr(e, t);
      case 'MethodCall': return this.methodCall(e, t);
      case 'Macro': return this.macro(e);
      case 'If': {
        const vt = vtOf(t);
        const cond = this.cond(e.cond);
        let then = coerce(this.block(e.then), this.blockTy(e.then), t, line);
        // without else, the value when the condition is false is nil
        let els = e.else ? coerce(this.expr(e.else), this.ty(e.else), t, line) : vt !== 'none' ? coerce({ op: 'nop' }, NIL, t, line) : undefined;
        if (els && e.else && vt !== 'none') [then, els] = this.branchValues([{ ir: then, t: this.blockTy(e.then) }, { ir: els, t: this.ty(e.else) }], t).irs;
        return { op: 'if', cond, then: vt === 'none' ? drop(then) : then, else: els && (vt === 'none' ? drop(els) : els), vt };
      }
      case 'IfLet': return this.ifLet(e, t);
      case 'Match': return this.match(e, t);
      case 'Block': return this.block(e.block);
      case 'While': {
        const brk = this.fb.label('brk'), cont = this.fb.label('cont');
        this.fb.loops.push({ label: e.label, brk, cont });
        const body = drop(this.block(e.body));
        this.fb.loops.pop();
        return {
          op: 'block', label: brk, vt: 'none', body: [{
            op: 'loop', label: `${cont}_top`, body: seq([
              { op: 'br', label: brk, cond: { op: 'un', w: 'i32.eqz', a: this.cond(e.cond), vt: 'i32' } },
              { op: 'block', label: cont, vt: 'none', body: [body] },
              { op: 'br', label: `${cont}_top` },
            ]),
          }],
        };
      }
      case 'Loop': {
        const brk = this.fb.label('brk'), cont = this.fb.label('cont');
        const vt = vtOf(t);
        const resultLocal = vt !== 'none' ? this.fb.local('loopval', vt) : undefined;
        this.fb.loops.push({ label: e.label, brk, cont, resultLocal, ...(e.block ? { block: true } : {}) });
        this.loopTypes.set(brk, t);
        const body = drop(this.block(e.body));
        this.fb.loops.pop();
        const loop: IR = {
          op: 'block', label: brk, vt: 'none', body: [{
            op: 'loop', label: `${cont}_top`, body: seq([{ op: 'block', label: cont, vt: 'none', body: [body] }, { op: 'br', label: `${cont}_top` }]),
          }],
        };
        if (resultLocal === undefined) return t.k === 'never' ? seq([loop, { op: 'unreachable' }]) : loop;
        // every `break value` stores an owned value (below), so the loop's value is owned
        return seq([loop, { op: 'get', local: resultLocal, vt }], vt, isRef(t));
      }
      case 'For': return this.forLoop(e);
      case 'Break': {
        const l = this.loopTarget(e.label);
        const out: IR[] = [];
        if (e.value && l.resultLocal !== undefined) {
          const lt = this.loopTypeOf(l.brk, e.value);
          out.push({ op: 'set', local: l.resultLocal, value: this.ownedValue(this.exprAs(e.value, lt), lt) });
        } else if (e.value) out.push(drop(this.expr(e.value)));
        out.push({ op: 'br', label: l.brk });
        return seq(out);
      }
      case 'Continue': {
        const l = this.loopTarget(e.label);
        return { op: 'br', label: l.cont };
      }
      case 'Return': {
        const rt = this.retTy();
        // a bare `return` in a function that also returns values returns nil
        const value = e.value ? this.exprAs(e.value, rt) : vtOf(rt) !== 'none' ? coerce({ op: 'nop' }, NIL, rt, line) : undefined;
        return this.ret(value, rt);
      }
      case 'Array': {
        const el = t.k === 'arr' ? t.elem : DYN;
        const ops = elemOps(el);
        const tmp = this.fb.local('arr', 'i32');
        const arrGet: IR = { op: 'get', local: tmp, vt: 'i32' };
        const out: IR[] = [{ op: 'set', local: tmp, value: call('rt_arr_new', [i32(ops.ek), i32(e.elems.length)], 'i32') }];
        for (const x of e.elems) {
          const v = coerce(this.exprAs(x, el), el, ops.ty, line);
          out.push(this.borrowing(v, ops.ty, b => ({ op: 'set', local: tmp, value: call(ops.push, [arrGet, b, ...(ops.pushLine ? [i32(line)] : [])], 'i32') }), 'none'));
        }
        out.push({ op: 'get', local: tmp, vt: 'i32' });
        return { op: 'block', body: out, vt: 'i32', owned: true };
      }
      case 'Tuple': {
        if (e.elems.length === 0) return { op: 'nop' };
        const tmp = this.fb.local('tup', 'i32');
        const out: IR[] = [{ op: 'set', local: tmp, value: call('rt_obj_new', [i32(K.TUPLE), i32(this.m.tupleTypeId(e.elems.length)), i32(e.elems.length)], 'i32') }];
        e.elems.forEach((x, i) => out.push(storeSlot({ op: 'get', local: tmp, vt: 'i32' }, i, DYN, this.retained(this.exprAs(x, DYN), DYN))));
        out.push({ op: 'get', local: tmp, vt: 'i32' });
        return { op: 'block', body: out, vt: 'i32', owned: true };
      }
      case 'TupleField': {
        const tt = this.ty(e.expr);
        const tuple = this.exprAs(e.expr, DYN);
        if (tt.k === 'tuple') {
          const slot = (p: IR): IR => loadSlot(p, e.index, DYN);
          // a field of an owned temporary tuple is retained before the tuple is released
          if (ownership(tuple) !== 'owned') return coerce(slot(tuple), DYN, t, line);
          return coerce(this.borrowing(tuple, DYN, p => call('rt_retain_ret', [slot(p)], 'i32'), 'i32'), DYN, t, line);
        }
        return coerce(this.borrowing(tuple, DYN, p => call('rt_dyn_tuple_field', [p, i32(e.index), i32(line)], 'i32'), 'i32'), DYN, t, line);
      }
      case 'Index': {
        const ct = this.ty(e.expr);
        if (e.index.kind === 'Range') return this.slice(e.expr, e.index, ct, line);
        if (this.ty(e.index).k === 'range') return this.sliceByValue(e.expr, e.index, ct, line);
        // the getters borrow the collection and the key and return an owned element
        const get = (fn: string, keyTy: Ty, vt: VT = 'i32'): IR => this.borrowingAll(
          [ct.k === 'dyn' ? this.exprAs(e.expr, DYN) : this.expr(e.expr), this.exprAs(e.index, keyTy)], [DYN, keyTy],
          ([c, k]) => call(fn, [c, k, i32(line)], vt), vt);
        if (ct.k === 'arr') {
          const ops = elemOps(ct.elem);
          return coerce(get(ops.get, INT, ops.vt), ops.ty, t, line);
        }
        if (ct.k === 'str') return get('rt_str_index', INT);
        return coerce(get(ct.k === 'map' ? 'rt_map_index' : 'rt_dyn_index', DYN), DYN, t, line);
      }
      case 'Range': {
        // flags (ABI.md): 1 inclusive, 2 no start, 4 no end; a missing bound is stored as 0
        const flags = (e.inclusive ? 1 : 0) | (e.start ? 0 : 2) | (e.end ? 0 : 4);
        return call('rt_range_new', [e.start ? this.exprAs(e.start, INT) : i64(0n), e.end ? this.exprAs(e.end, INT) : i64(0n), i32(flags)], 'i32');
      }
      case 'Cast': {
        const from = this.ty(e.expr);
        const a = this.expr(e.expr);
        if (t.k === 'float' && from.k === 'int') return { op: 'un', w: 'f64.convert_i64_s', a, vt: 'f64' };
        if (t.k === 'int' && from.k === 'float') return { op: 'un', w: 'i64.trunc_sat_f64_s', a, vt: 'i64' };
        if (t.k === 'int' && from.k === 'bool') return { op: 'un', w: 'i64.extend_i32_u', a, vt: 'i64' };
        // a value whose type varies: converted at run time (float truncates, bool is 0/1)
        if (t.k === 'int' && from.k === 'dyn') return call('rt_int_of', [a, i32(line)], 'i64');
        if (t.k === 'float' && from.k === 'dyn') return call('rt_float_of', [a, i32(line)], 'f64');
        return coerce(a, from, t, line);
      }
      case 'Closure': return this.closure(e);
      case 'Try': return this.tryExpr(e, t);
      case 'StructLit': return this.structLit(e, t);
      case 'Field': {
        const st = this.ty(e.expr);
        if (st.k === 'struct') {
          const idx = this.fieldSlot(st, e.name, e), sty = this.slotTyOf(st, idx);
          const obj = this.expr(e.expr);
          // borrowed, like a variable read: whoever stores it retains it; a field of an owned
          // temporary is read (a ref retained) before the temporary is released
          if (ownership(obj) !== 'owned') return coerce(loadSlot(obj, idx, sty), sty, t, line);
          const read = (p: IR): IR => isRef(sty) ? call('rt_retain_ret', [loadSlot(p, idx, sty)], 'i32') : loadSlot(p, idx, sty);
          return coerce(this.borrowing(obj, st, read, vtOf(sty)), sty, t, line);
        }
        // objects (maps keyed by field name) and values whose type varies: by name at run time
        return coerce(call('rt_dyn_field', [this.exprAs(e.expr, DYN), { op: 'data', id: this.m.data.str(e.name) }, i32(line)], 'i32'), DYN, t, line);
      }
      case 'ArrayRepeat':
        return call('rt_arr_repeat', [this.exprAs(e.value, DYN), this.exprAs(e.count, INT)], 'i32');
      case 'Object': {
        const tmp = this.fb.local('obj', 'i32');
        const out: IR[] = [{ op: 'set', local: tmp, value: call('rt_map_new', [], 'i32') }];
        for (const en of e.entries) {
          out.push(this.borrowing(this.exprAs(en.value, DYN), DYN, b => ({ op: 'set', local: tmp, value: call('rt_map_insert', [{ op: 'get', local: tmp, vt: 'i32' }, { op: 'data', id: this.m.data.str(en.key) }, b], 'i32') }), 'none'));
        }
        out.push({ op: 'get', local: tmp, vt: 'i32' });
        return { op: 'block', body: out, vt: 'i32', owned: true };
      }
      case 'WhileLet': return this.whileLet(e);
    }
  }

  /** the loop a `break` / `continue` goes to: the labelled one, else the innermost loop (not a labelled block) */
  private loopTarget(label: string | undefined) {
    return [...this.fb.loops].reverse().find(x => (label !== undefined ? x.label === label : !x.block))!;
  }

  private loopTypes = new Map<string, Ty>();
  private loopTypeOf(brk: string, e: Expr): Ty {
    return this.loopTypes.get(brk) ?? this.ty(e);
  }

  private retTy(): Ty {
    return this.inst.kind === 'closure' ? DYN : this.inst.ret;
  }

  private ret(value: IR | undefined, t: Ty): IR {
    const exit = this.fb.retExit;
    if (value) value = this.ownedValue(value, t);
    if (this.inst.kind === 'closure') {
      const tmp = this.fb.local('ret', 'i32');
      return seq([{ op: 'set', local: tmp, value: value ?? nilRef() }, ...(exit ? [exit] : []), { op: 'return', value: { op: 'get', local: tmp, vt: 'i32' } }]);
    }
    if (!exit) return { op: 'return', value };
    if (!value || vtOf(this.inst.ret) === 'none') return seq([...(value ? [drop(value)] : []), exit, { op: 'return' }]);
    const tmp = this.fb.local('ret', vtOf(this.inst.ret));
    return seq([{ op: 'set', local: tmp, value }, exit, { op: 'return', value: { op: 'get', local: tmp, vt: vtOf(this.inst.ret) } }]);
  }

  cond(e: Expr): IR {
    const t = this.ty(e);
    if (t.k === 'bool') return this.expr(e);
    return call('rt_dyn_truthy', [this.exprAs(e, DYN), i32(e.span.line)], 'i32');
  }

  // ------------------------------------------------------------ operators
  binary(op: string, le: Expr, re: Expr, t: Ty, line: number): IR {
    const lt = this.ty(le), rt = this.ty(re);
    if (op === '&&') return { op: 'if', cond: this.cond(le), then: this.cond(re), else: i32(0), vt: 'i32' };
    if (op === '||') return { op: 'if', cond: this.cond(le), then: i32(1), else: this.cond(re), vt: 'i32' };
    const l = this.expr(le), r = this.expr(re);
    return this.binop(op, l, lt, r, rt, t, line);
  }

  binop(op: string, l: IR, lt: Ty, r: IR, rt: Ty, t: Ty, line: number): IR {
    const num = (x: Ty) => x.k === 'int' || x.k === 'float';
    const bothInt = lt.k === 'int' && rt.k === 'int';
    const cmp: Record<string, string> = { '==': 'eq', '!=': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' };
    if (op in cmp) {
      if (bothInt) return { op: 'bin', w: `i64.${cmp[op]}${op === '==' || op === '!=' ? '' : '_s'}`, a: l, b: r, vt: 'i32' };
      if (num(lt) && num(rt)) return { op: 'bin', w: `f64.${cmp[op]}`, a: coerce(l, lt, FLOAT, line), b: coerce(r, rt, FLOAT, line), vt: 'i32' };
      if (lt.k === 'bool' && rt.k === 'bool' && (op === '==' || op === '!=')) return { op: 'bin', w: `i32.${cmp[op]}`, a: l, b: r, vt: 'i32' };
      // the runtime's comparisons borrow both operands: owned ones are released after
      const compare = (fn: string, a: IR, b: IR, extra: IR[] = []): IR => this.borrowingAll([a, b], [DYN, DYN], ([x, y]) => call(fn, [x, y, ...extra], 'i32'), 'i32');
      const not = (x: IR): IR => ({ op: 'un', w: 'i32.eqz', a: x, vt: 'i32' });
      if (lt.k === 'str' && rt.k === 'str') {
        if (op === '==') return compare('rt_str_eq', l, r);
        if (op === '!=') return not(compare('rt_str_eq', l, r));
        return { op: 'bin', w: `i32.${cmp[op]}_s`, a: compare('rt_str_cmp', l, r), b: i32(0), vt: 'i32' };
      }
      const a = coerce(l, lt, DYN, line), b = coerce(r, rt, DYN, line);
      if (op === '==') return compare('rt_eq', a, b);
      if (op === '!=') return not(compare('rt_eq', a, b));
      const fn = { '<': 'rt_dyn_lt', '<=': 'rt_dyn_le', '>': 'rt_dyn_gt', '>=': 'rt_dyn_ge' }[op]!;
      return compare(fn, a, b, [i32(line)]);
    }
    if (t.k === 'int' && bothInt) {
      switch (op) {
        case '+': case '-': case '*': case '/': case '%': return checkedInt(op, l, r, line, () => this.fb.local('x', 'i64'));
        case '**': return call('rt_int_pow', [l, r, i32(line)], 'i64');
        case '&': return { op: 'bin', w: 'i64.and', a: l, b: r, vt: 'i64' };
        case '|': return { op: 'bin', w: 'i64.or', a: l, b: r, vt: 'i64' };
        case '^': return { op: 'bin', w: 'i64.xor', a: l, b: r, vt: 'i64' };
        case '<<': return { op: 'bin', w: 'i64.shl', a: l, b: r, vt: 'i64' };
        case '>>': return { op: 'bin', w: 'i64.shr_s', a: l, b: r, vt: 'i64' };
      }
    }
    if (t.k === 'bool' && lt.k === 'bool' && rt.k === 'bool') {
      const w = { '&': 'i32.and', '|': 'i32.or', '^': 'i32.xor' }[op];
      if (w) return { op: 'bin', w, a: l, b: r, vt: 'i32' };
    }
    if (t.k === 'float' && num(lt) && num(rt)) {
      const a = coerce(l, lt, FLOAT, line), b = coerce(r, rt, FLOAT, line);
      switch (op) {
        case '+': return { op: 'bin', w: 'f64.add', a, b, vt: 'f64' };
        case '-': return { op: 'bin', w: 'f64.sub', a, b, vt: 'f64' };
        case '*': return { op: 'bin', w: 'f64.mul', a, b, vt: 'f64' };
        case '/': return { op: 'bin', w: 'f64.div', a, b, vt: 'f64' };
        case '%': return call('rt_f64_rem', [a, b], 'f64');
        case '**': return call('rt_f64_pow', [a, b], 'f64');
      }
    }
    if (op === '+' && t.k === 'str') {
      if (lt.k === 'str' && rt.k === 'str') return this.borrowing(l, STR, a => this.borrowing(r, STR, b => call('rt_str_concat', [a, b], 'i32'), 'i32'), 'i32');
      const s = this.appendValue(call('rt_str_new', [i32(16)], 'i32'), l, lt, false, line);
      return this.appendValue(s, r, rt, false, line);
    }
    const fn = { '+': 'rt_dyn_add', '-': 'rt_dyn_sub', '*': 'rt_dyn_mul', '/': 'rt_dyn_div', '%': 'rt_dyn_rem', '**': 'rt_dyn_pow', '&': 'rt_dyn_bitand', '|': 'rt_dyn_bitor', '^': 'rt_dyn_bitxor', '<<': 'rt_dyn_shl', '>>': 'rt_dyn_shr' }[op];
    if (!fn) throw new Unsupported(`operator ${op}`, { start: 0, end: 0, line, col: 1 });
    // the dynamic operators borrow their operands and return an owned result
    const result = this.borrowingAll([coerce(l, lt, DYN, line), coerce(r, rt, DYN, line)], [DYN, DYN], ([a, b]) => call(fn, [a, b, i32(line)], 'i32'), 'i32');
    return coerce(result, DYN, t, line);
  }

  // ------------------------------------------------------------ strings and printing
  /** Appends the text of a value to a string being built (the string is consumed and returned). */
  appendValue(s: IR, v: IR, t: Ty, fstring: boolean, line: number): IR {
    switch (t.k) {
      case 'int': return call('rt_str_append_i64', [s, v], 'i32');
      case 'float': return call('rt_str_append_f64', [s, v], 'i32');
      case 'bool': return call('rt_str_append_bool', [s, v], 'i32');
      case 'str': return this.appendOwned(s, v, 'rt_str_append');
      default: return this.appendOwned(s, coerce(v, t, DYN, line), fstring ? 'rt_str_append_fdisplay' : 'rt_str_append_display');
    }
  }

  /** `fn(s, v, ...extra)` keeping evaluation order (s first); an owned v is released after the append. */
  appendOwned(s: IR, v: IR, fn: string, extra: IR[] = []): IR {
    if (ownership(v) !== 'owned') return call(fn, [s, v, ...extra], 'i32');
    const sl = this.fb.local('s', 'i32'), vl = this.fb.local('v', 'i32'), rl = this.fb.local('r', 'i32');
    const g = (l: number): IR => ({ op: 'get', local: l, vt: 'i32' });
    return seq([{ op: 'set', local: sl, value: s }, { op: 'set', local: vl, value: v }, { op: 'set', local: rl, value: call(fn, [g(sl), g(vl), ...extra], 'i32') },
      call('rt_release', [g(vl)], 'none'), g(rl)], 'i32', true);
  }

  /** Builds an f-string, into `into` (consumed) when given, else into a new string. */
  fstring(parts: FStringPart[], line: number, into?: IR): IR {
    let s: IR = into ?? call('rt_str_new', [i32(32)], 'i32');
    for (const p of parts) {
      if (p.text !== undefined && p.text !== '') s = call('rt_str_append', [s, { op: 'data', id: this.m.data.str(p.text) }], 'i32');
      if (!p.expr) continue;
      const spec = p.spec === undefined ? undefined : parseSpec(p.spec);
      const span = p.specSpan ?? { start: 0, end: 0, line, col: 1 };
      if (spec && 'message' in spec) throw new Unsupported(spec.message, span);
      s = spec ? this.fmt.appendSpec(s, this.expr(p.expr), this.ty(p.expr), spec, true, line, span) : this.appendValue(s, this.expr(p.expr), this.ty(p.expr), true, line);
    }
    return s;
  }

  private printArgs(args: Expr[], newline: boolean, line: number, stream: 'out' | 'err', span: Span): IR {
    let s: IR = call('rt_str_new', [i32(32)], 'i32');
    const plan = formatPlan(args, false, span);
    if (plan) s = this.fmt.formatted(plan, line);
    else {
      args.forEach((a, i) => {
        if (i > 0) s = call('rt_str_append', [s, { op: 'data', id: this.m.data.str(' ') }], 'i32');
        s = this.appendValue(s, this.expr(a), this.ty(a), false, line);
      });
    }
    if (newline) s = call('rt_str_append', [s, { op: 'data', id: this.m.data.str('\n') }], 'i32');
    return call(stream === 'out' ? 'rt_write_out' : 'rt_write_err', [s], 'none');
  }

  // ------------------------------------------------------------ calls
  private args(exprs: Expr[], tys: Ty[]): IR[] {
    return exprs.map((a, i) => this.exprAs(a, tys[i] ?? DYN));
  }

  private callExpr(e: Extract<Expr, { kind: 'Call' }>, t: Ty): IR {
    const target = this.inst.calls.get(e);
    const line = e.span.line;
    if (!target) return this.unsupported('this call', e);
    switch (target.k) {
      case 'fun': {
        const inst = target.inst;
        const name = this.m.need(inst);
        // parameters are borrowed: owned temporaries passed in are released after the call
        const tys = inst.params.map(p => p.ty);
        return this.borrowingAll(this.args(e.args, tys), tys, xs => call(name, xs, vtOf(inst.ret)), vtOf(inst.ret));
      }
      case 'closure': {
        const args = e.args.map(a => this.exprAs(a, DYN));
        const callee = e.callee.kind === 'Ident' && this.inst.refs.get(e.callee) ? this.readVar(this.inst.refs.get(e.callee)!) : this.exprAs(e.callee, DYN);
        // an owned callee (a closure just made or returned) is held for the call and released after
        const c = this.hold(callee, DYN, 'clo');
        return coerce(this.thenRelease(seq([c.init, this.hof.callClosure(c.local, args)], 'i32'), c.release, 'i32', true), DYN, t, line);
      }
      case 'variant': return this.variant(target.enumName, target.variant, e.args, line);
      case 'builtin': return this.builtin(target.name, e, t);
      default: return this.unsupported(`call target ${target.k}`, e);
    }
  }

  private variant(enumName: string, variant: string, args: Expr[], line: number): IR {
    const id = this.m.enumTypeIds.get(`${enumName}::${variant}`)!;
    if (args.length === 0) return this.m.unitObject(id);
    return this.makeObj(K.ENUM, id, args.map(a => this.exprAs(a, DYN)), line);
  }

  /**
   * A new tuple/struct/enum object with these slots (boxed, or of the slot types `slotTys`);
   * `typeIdIR` computes the typeId at run time.
   */
  makeObj(kind: number, typeId: number, slots: IR[], _line: number, typeIdIR?: IR, slotTys?: Ty[]): IR {
    const tmp = this.fb.local('obj', 'i32');
    const out: IR[] = [{ op: 'set', local: tmp, value: call('rt_obj_new', [i32(kind), typeIdIR ?? i32(typeId), i32(slots.length)], 'i32') }];
    slots.forEach((s, i) => {
      const st = slotTys?.[i] ?? DYN;
      out.push(storeSlot({ op: 'get', local: tmp, vt: 'i32' }, i, st, isRef(st) ? this.retained(s, st) : s));
    });
    out.push({ op: 'get', local: tmp, vt: 'i32' });
    return { op: 'block', body: out, vt: 'i32', owned: true };
  }

  private builtin(name: string, e: Extract<Expr, { kind: 'Call' }>, t: Ty): IR {
    const line = e.span.line;
    const a = e.args;
    switch (name) {
      case 'println': return this.printArgs(a, true, line, 'out', e.span);
      case 'print': return this.printArgs(a, false, line, 'out', e.span);
      case 'eprintln': return this.printArgs(a, true, line, 'err', e.span);
      case 'eprint': return this.printArgs(a, false, line, 'err', e.span);
      case 'Some': return this.makeObj(K.ENUM, 1, [this.exprAs(a[0], DYN)], line);
      case 'Ok': return this.makeObj(K.ENUM, 2, [this.exprAs(a[0], DYN)], line);
      case 'Err': return this.makeObj(K.ENUM, 3, [this.exprAs(a[0], DYN)], line);
      case 'Box::new': return this.expr(a[0]);
      case 'HashMap::new': return call('rt_map_new', [], 'i32');
      case 'panic': return this.panicWith(a, line, e.span);
      case 'format': return this.formatCall(e);
      case 'assert': case 'assert_eq': case 'assert_ne': return this.assertion(name, a, line, e.span);
      case 'len': {
        const at = this.ty(a[0]);
        if (at.k === 'str') return { op: 'un', w: 'i64.extend_i32_s', a: { op: 'load', w: 'i32.load', offset: 8, ptr: this.expr(a[0]), vt: 'i32' }, vt: 'i64' };
        if (at.k === 'arr') return { op: 'un', w: 'i64.extend_i32_s', a: { op: 'load', w: 'i32.load', offset: 8, ptr: this.expr(a[0]), vt: 'i32' }, vt: 'i64' };
        return call('rt_dyn_len', [this.exprAs(a[0], DYN), i32(line)], 'i64');
      }
      case 'range': {
        const ints = a.map(x => this.exprAs(x, INT));
        if (ints.length === 1) return call('rt_range_to_array', [i64(0n), ints[0], i64(1n), i32(line)], 'i32');
        return call('rt_range_to_array', [ints[0], ints[1], ints[2] ?? i64(1n), i32(line)], 'i32');
      }
    }
    // remaining builtins come from the runtime's function table
    const overloads = this.m.typed.methodsTable.functions[name] ?? [];
    const argTys = a.map(x => this.ty(x));
    const pick = overloads.find(o => o.params.length === a.length && o.params.every((p, i) => p === argTys[i].k || p === 'dyn'))
      ?? overloads.find(o => o.params.length === a.length);
    if (!pick) return this.unsupported(`builtin ${name}`, e);
    const tys = a.map((_, i) => wordTy(pick.params[i]));
    const args = a.map((x, i) => this.exprAs(x, tys[i]));
    const rt = wordTy(pick.ret);
    return coerce(this.borrowingAll(args, tys, xs => call(pick.fn, pick.line ? [...xs, i32(line)] : xs, vtOf(rt)), vtOf(rt)), rt, t, line);
  }

  /** format!(…) / format(…): the String its format string builds */
  private formatCall(e: Extract<Expr, { kind: 'Macro' | 'Call' }>): IR {
    const plan = formatPlan(e.args, true, e.span);
    return plan ? this.fmt.formatted(plan, e.span.line) : this.unsupported('this format call', e);
  }

  /** The message of panic(msg) / panic!("fmt {}", args…) and assertions, or undefined without one. */
  private message(args: Expr[], line: number, span: Span): IR | undefined {
    const plan = formatPlan(args, false, span);
    return plan ? this.fmt.formatted(plan, line) : args.length ? this.exprAs(args[0], STR) : undefined;
  }

  /** panic!(…), or unreachable!/todo!/unimplemented! whose message follows `prefix: ` */
  private panicWith(args: Expr[], line: number, span: Span, prefix?: string): IR {
    const given = this.message(args, line, span);
    const lit = (text: string): IR => ({ op: 'data', id: this.m.data.str(text) });
    const msg = !given ? lit(prefix ?? 'explicit panic') : prefix ? call('rt_str_concat', [lit(`${prefix}: `), given], 'i32') : given;
    return seq([call('rt_panic', [msg, i32(line)], 'none'), { op: 'unreachable' }]);
  }

  /**
   * assert(c[, msg…]), assert_eq(a, b[, msg…]), assert_ne(…) as functions or macros: a failed one
   * panics with Rust's message (the values shown for eq/ne), the message after it when given.
   */
  private assertion(name: string, args: Expr[], line: number, span: Span): IR {
    // the message is built only when the assertion fails
    const not = (x: IR): IR => ({ op: 'un', w: 'i32.eqz', a: x, vt: 'i32' });
    if (name === 'assert' || name === 'debug_assert') {
      const msg = this.message(args.slice(1), line, span);
      if (!msg) return call('rt_assert', [this.cond(args[0]), i32(0), i32(line)], 'none');
      return { op: 'if', cond: not(this.cond(args[0])), vt: 'none', then: call('rt_assert', [i32(0), msg, i32(line)], 'none') };
    }
    const ne = name === 'assert_ne' ? 1 : 0;
    const msg = args.length > 2 ? this.message(args.slice(2), line, span) : undefined;
    return this.borrowingAll([this.exprAs(args[0], DYN), this.exprAs(args[1], DYN)], [DYN, DYN], ([a, b]) => {
      if (!msg) return call('rt_assert_cmp', [a, b, i32(ne), i32(0), i32(line)], 'none');
      const failed = ne ? call('rt_eq', [a, b], 'i32') : not(call('rt_eq', [a, b], 'i32'));
      return { op: 'if', cond: failed, vt: 'none', then: call('rt_assert_cmp', [a, b, i32(ne), msg, i32(line)], 'none') };
    }, 'none');
  }

  private macro(e: Extract<Expr, { kind: 'Macro' }>): IR {
    const line = e.span.line;
    switch (e.name) {
      case 'panic': return this.panicWith(e.args, line, e.span);
      case 'println': return this.printArgs(e.args, true, line, 'out', e.span);
      case 'print': return this.printArgs(e.args, false, line, 'out', e.span);
      case 'eprintln': return this.printArgs(e.args, true, line, 'err', e.span);
      case 'eprint': return this.printArgs(e.args, false, line, 'err', e.span);
      case 'format': return this.formatCall(e);
      case 'vec': return this.expr({ kind: 'Array', elems: e.args, span: e.span });
      case 'assert': case 'debug_assert': case 'assert_eq': case 'assert_ne': return this.assertion(e.name, e.args, line, e.span);
      case 'unreachable': return this.panicWith(e.args, line, e.span, 'internal error: entered unreachable code');
      case 'todo': return this.panicWith(e.args, line, e.span, 'not yet implemented');
      case 'unimplemented': return this.panicWith(e.args, line, e.span, 'not implemented');
      default: return this.unsupported(`macro ${e.name}!`, e);
    }
  }

  private methodCall(e: Extract<Expr, { kind: 'MethodCall' }>, t: Ty): IR {
    const target = this.inst.calls.get(e);
    const line = e.span.line;
    const rt = this.ty(e.receiver);
    if (!target) return this.unsupported(`method ${e.method}`, e);
    switch (target.k) {
      case 'fun': {
        const inst = target.inst;
        const name = this.m.need(inst);
        if (inst.decl?.self?.mutable) {
          // `&mut self`: the receiver is made unique in its place, the method updates it in place
          const r = this.place.uniqueReceiver(e.receiver, line);
          const tys = inst.params.map(p => p.ty);
          const recv = coerce(r.value, rt.k === 'dyn' ? DYN : inst.selfVar!.ty, inst.selfVar!.ty, line);
          return seq([r.pre, this.borrowingAll(this.args(e.args, tys), tys, xs => call(name, [recv, ...xs], vtOf(inst.ret)), vtOf(inst.ret))], vtOf(inst.ret));
        }
        const selfTy = inst.selfVar?.ty ?? rt;
        const tys = [selfTy, ...inst.params.map(p => p.ty)];
        const args = [this.exprAs(e.receiver, selfTy), ...this.args(e.args, tys.slice(1))];
        return this.borrowingAll(args, tys, xs => call(name, xs, vtOf(inst.ret)), vtOf(inst.ret));
      }
      case 'dispatch': return this.dispatch(e, target.targets, t, line);
      case 'rt': {
        const m = target.method;
        if (m.consumes) return this.mutatingCall(e, m.fn, m.params.map(w => wordTy(w, rt)), m.out ?? false, m.line ?? false, wordTy(m.ret, rt), t);
        const argTys = [rt, ...e.args.map((_, i) => wordTy(m.params[i], rt))];
        const args = [this.exprAs(e.receiver, rt), ...e.args.map((a, i) => this.exprAs(a, argTys[i + 1]))];
        const ret = wordTy(m.ret, rt);
        // runtime methods borrow: owned temporaries among the receiver and arguments are released after
        return coerce(this.borrowingAll(args, argTys, xs => call(m.fn, m.line ? [...xs, i32(line)] : xs, vtOf(ret)), vtOf(ret)), ret, t, line);
      }
      case 'intrinsic': return this.intrinsic(e, t, rt);
      default: return this.unsupported(`method call ${e.method}`, e);
    }
  }

  private intrinsic(e: Extract<Expr, { kind: 'MethodCall' }>, t: Ty, rt: Ty): IR {
    const line = e.span.line;
    const viaHof = this.hof.lower(e, t, rt);
    if (viaHof) return viaHof;
    switch (e.method) {
      case 'push': case 'pop': case 'insert': case 'remove': case 'clear': case 'extend': case 'append': {
        // pop matched against Some / None (see the type phase's markOptionPop): an Option
        if (e.method === 'pop' && t.k === 'option') return this.mutatingCall(e, 'rt_arr_pop_opt', [], true, true, t, t);
        const cls = rt.k === 'arr' ? 'arr' : rt.k === 'map' ? 'map' : rt.k === 'str' ? 'str' : 'dyn';
        const table = this.m.typed.methodsTable.methods;
        const fits = (x: RtMethod | undefined) => (x && x.params.length === e.args.length && x.consumes ? x : undefined);
        const m = fits(table[cls]?.[e.method]) ?? fits(table.dyn?.[e.method]);
        if (!m) return this.unsupported(`method ${e.method} on ${rt.k}`, e);
        const recvTy = cls === 'dyn' ? DYN : rt;
        return this.mutatingCall(e, m.fn, m.params.map(w => wordTy(w, recvTy)), m.out ?? false, m.line ?? false, wordTy(m.ret, recvTy), t);
      }
      case 'unwrap': case 'expect':
        return coerce(this.borrowing(this.exprAs(e.receiver, DYN), DYN, r => call('rt_unwrap', [r, i32(line)], 'i32'), 'i32'), DYN, t, line);
      case 'to_string': {
        return this.appendValue(call('rt_str_new', [i32(16)], 'i32'), this.expr(e.receiver), rt, false, line);
      }
      case 'is_some': case 'is_ok': case 'is_none': case 'is_err': {
        const id = { is_some: 1, is_ok: 2, is_none: 0, is_err: 3 }[e.method]!;
        return this.borrowing(this.exprAs(e.receiver, DYN), DYN, r => ({ op: 'bin', w: 'i32.eq', a: { op: 'load', w: 'i32.load16_u', offset: 6, ptr: r, vt: 'i32' }, b: i32(id), vt: 'i32' }), 'i32');
      }
      case 'iter': case 'into_iter': case 'collect': case 'clone': return this.expr(e.receiver);
    }
    return this.unsupported(`method ${e.method}`, e);
  }

  /** Stores a value that is already owned (no extra retain). */
  writeVarOwned(v: VarInfo, value: IR): IR {
    const t = varTy(v), vt = vtOf(t);
    if (v.captured) return { op: 'store', w: 'i32.store', offset: 8, ptr: this.cellOf(v), value };
    if (v.global) return { op: 'gset', name: this.m.globalName(v), value };
    return { op: 'set', local: this.fb.varSlot(v, vt), value };
  }

  // ------------------------------------------------------------ assignment
  private assign(e: Extract<Expr, { kind: 'Assign' }>): IR {
    const line = e.span.line;
    const target = e.target;
    const valueTy = this.ty(e.value);
    const compute = (cur: IR, curTy: Ty, to: Ty): IR => e.op === '='
      ? this.exprAs(e.value, to)
      : coerce(this.binop(e.op.slice(0, -1), cur, curTy, this.expr(e.value), valueTy, this.opResultTy(e.op.slice(0, -1), curTy, valueTy), line), this.opResultTy(e.op.slice(0, -1), curTy, valueTy), to, line);
    if (target.kind === 'Ident') {
      const v = this.inst.refs.get(target);
      if (!v) return this.unsupported('assignment to this name', e);
      const vt = varTy(v);
      if (e.op === '+=' && vt.k === 'str' && (valueTy.k === 'str')) {
        // `s += f"…"` appends the pieces straight into s when evaluating them cannot see s
        if (e.value.kind === 'FString' && !v.captured && !v.global && !this.mentions(e.value, v)) {
          return this.writeVarOwned(v, this.fstring(e.value.parts, line, this.readVar(v)));
        }
        return this.writeVarOwned(v, this.appendOwned(this.readVar(v), this.expr(e.value), 'rt_str_append'));
      }
      return this.writeVar(v, compute(this.readVar(v), vt, vt));
    }
    if (this.place.isPlace(target)) {
      const tt = this.ty(target);
      return this.place.update(target, (cur, t) => compute(e.op === '=' ? { op: 'nop' } : cur(), tt, t), line);
    }
    return this.unsupported('this assignment target', e);
  }

  /** Whether any name inside `node` (an AST subtree) refers to variable `v`. */
  private mentions(node: unknown, v: VarInfo): boolean {
    if (Array.isArray(node)) return node.some(n => this.mentions(n, v));
    if (node === null || typeof node !== 'object') return false;
    if ((node as Expr).kind === 'Ident' && this.inst.refs.get(node as Expr) === v) return true;
    return Object.entries(node).some(([k, n]) => k !== 'span' && this.mentions(n, v));
  }

  private opResultTy(op: string, l: Ty, r: Ty): Ty {
    if (l.k === 'int' && r.k === 'int') return INT;
    if ((l.k === 'int' || l.k === 'float') && (r.k === 'int' || r.k === 'float')) return FLOAT;
    if (op === '+' && (l.k === 'str' || r.k === 'str')) return STR;
    return DYN;
  }

  // ------------------------------------------------------------ match, for, closures, ...
  private match(e: Extract<Expr, { kind: 'Match' }>, t: Ty): IR {
    const vt = vtOf(t);
    const st = this.ty(e.scrutinee);
    const svt = vtOf(st) === 'none' ? 'i32' : vtOf(st);
    const scrut = this.hold(vtOf(st) === 'none' ? i32(0) : this.expr(e.scrutinee), st, 'scrut');
    const out = this.fb.label('match');
    const arms = e.arms.map(arm => {
      const next = this.fb.label('arm');
      const test: IR[] = [this.testPattern(arm.pattern, { op: 'get', local: scrut.local, vt: svt }, st, next)];
      if (arm.guard) test.push({ op: 'br', label: next, cond: { op: 'un', w: 'i32.eqz', a: this.cond(arm.guard), vt: 'i32' } });
      return { next, test, value: { ir: coerce(this.expr(arm.body), this.ty(arm.body), t, arm.body.span.line), t: this.ty(arm.body) } };
    });
    const values = vt === 'none' ? { irs: arms.map(a => a.value.ir), owned: false } : this.branchValues(arms.map(a => a.value), t);
    const body: IR[] = [scrut.init];
    arms.forEach((arm, i) => {
      const value = values.irs[i];
      const exit: IR[] = vt === 'none' ? [drop(value), { op: 'br', label: out }] : [{ op: 'br', label: out, value }];
      body.push({ op: 'block', label: arm.next, vt: 'none', body: [...arm.test, ...exit] });
    });
    body.push(call('rt_panic', [{ op: 'data', id: this.m.data.str('no match arm matched the value') }, i32(e.span.line)], 'none'), { op: 'unreachable' });
    const result: IR = { op: 'block', label: out, vt, body, ...(values.owned ? { owned: true } : {}) };
    return this.thenRelease(result, scrut.release, vt, values.owned);
  }

  private ifLet(e: Extract<Expr, { kind: 'IfLet' }>, t: Ty): IR {
    const vt = vtOf(t);
    const out = this.fb.label('iflet');
    const fail = this.fb.label('nomatch');
    const st = this.ty(e.value);
    const scrut = this.hold(this.expr(e.value), st, 'scrut');
    const test = this.testPattern(e.pattern, { op: 'get', local: scrut.local, vt: vtOf(st) === 'none' ? 'i32' : vtOf(st) }, st, fail);
    let then = coerce(this.block(e.then), this.blockTy(e.then), t, e.span.line);
    // without else, the value when the pattern does not match is nil
    let els = e.else ? coerce(this.expr(e.else), this.ty(e.else), t, e.span.line) : coerce({ op: 'nop' }, NIL, t, e.span.line);
    let owned = false;
    if (vt !== 'none') ({ irs: [then, els], owned } = this.branchValues([{ ir: then, t: this.blockTy(e.then) }, { ir: els, t: e.else ? this.ty(e.else) : NIL }], t));
    const result: IR = {
      op: 'block', label: out, vt, ...(owned ? { owned: true } : {}), body: [
        scrut.init,
        { op: 'block', label: fail, vt: 'none', body: [test, ...(vt === 'none' ? [drop(then), { op: 'br', label: out } as IR] : [{ op: 'br', label: out, value: then } as IR])] },
        vt === 'none' ? drop(els) : els,
      ],
    };
    return this.thenRelease(result, scrut.release, vt, owned);
  }

  /** The scrutinee of a refutable binding, held for the pattern test (see hold). */
  private scrutinee(value: Expr, name: string): { held: ReturnType<ExprLowerer['hold']>; get: IR; t: Ty } {
    const t = this.ty(value);
    const vt = vtOf(t) === 'none' ? 'i32' : vtOf(t);
    const held = this.hold(vtOf(t) === 'none' ? seq([this.expr(value), i32(0)], 'i32') : this.expr(value), t, name);
    return { held, get: { op: 'get', local: held.local, vt }, t };
  }

  /** `let PAT = value else { diverging }`: binds PAT when the value matches, runs the else block otherwise. */
  private letElse(p: Pattern, value: Expr, elseBlock: Block): IR {
    const ok = this.fb.label('letok'), fail = this.fb.label('letelse');
    const s = this.scrutinee(value, 'letval');
    return seq([
      s.held.init,
      {
        op: 'block', label: ok, vt: 'none', body: [
          { op: 'block', label: fail, vt: 'none', body: [this.testPattern(p, s.get, s.t, fail), { op: 'br', label: ok }] },
          // the else block leaves (return / break / continue / panic): the held value is released first
          s.held.release,
          drop(this.block(elseBlock)),
          { op: 'unreachable' },
        ],
      },
      s.held.release,
    ]);
  }

  /**
   * `while let PAT = value { body }`: each iteration evaluates the value, leaves the loop when it does
   * not match, binds PAT and runs the body. An owned value is held for the iteration: the next
   * evaluation releases the previous one, and the loop's exit releases the last one.
   */
  private whileLet(e: Extract<Expr, { kind: 'WhileLet' }>): IR {
    const brk = this.fb.label('brk'), cont = this.fb.label('cont');
    const s = this.scrutinee(e.value, 'wlet');
    const test = this.testPattern(e.pattern, s.get, s.t, brk);
    this.fb.loops.push({ label: e.label, brk, cont });
    const body = drop(this.block(e.body));
    this.fb.loops.pop();
    const loop: IR = {
      op: 'block', label: brk, vt: 'none', body: [{
        op: 'loop', label: `${cont}_top`, body: seq([
          s.held.init,
          test,
          { op: 'block', label: cont, vt: 'none', body: [body] },
          { op: 'br', label: `${cont}_top` },
        ]),
      }],
    };
    return s.held.release.op === 'nop' ? loop : seq([loop, s.held.release]);
  }

  private forLoop(e: Extract<Expr, { kind: 'For' }>): IR {
    const it = this.ty(e.iter);
    const line = e.span.line;
    const brk = this.fb.label('brk'), cont = this.fb.label('cont');
    this.fb.loops.push({ label: e.label, brk, cont });
    const i = this.fb.local('i', 'i64');
    const end = this.fb.local('end', 'i64');
    const getI: IR = { op: 'get', local: i, vt: 'i64' };
    const getEnd: IR = { op: 'get', local: end, vt: 'i64' };
    let init: IR[];
    let elem: IR = getI;
    let elemTy: Ty = INT;
    /** tested before each iteration (absent: always true) */
    let cond: IR | undefined;
    /** tested after each iteration: leaves the loop before the counter would pass its last value */
    let guard: IR = { op: 'nop' };
    let next: IR = { op: 'set', local: i, value: { op: 'bin', w: 'i64.add', a: getI, b: i64(1n), vt: 'i64' } };
    let after: IR = { op: 'nop' };
    const counted = this.rangeLoop(e.iter);
    if (e.iter.kind === 'Range' && e.iter.start && e.iter.end) {
      init = [{ op: 'set', local: i, value: this.exprAs(e.iter.start, INT) }, { op: 'set', local: end, value: this.exprAs(e.iter.end, INT) }];
      cond = { op: 'bin', w: e.iter.inclusive ? 'i64.le_s' : 'i64.lt_s', a: getI, b: getEnd, vt: 'i32' };
      // i <= end, and stop before i + 1 overflows at i64::MAX
      if (e.iter.inclusive) guard = { op: 'br', label: brk, cond: { op: 'bin', w: 'i64.eq', a: getI, b: i64((1n << 63n) - 1n), vt: 'i32' } };
    } else if (e.iter.kind === 'Range' && e.iter.start) {
      // `start..`: counts until a `break` (going past i64::MAX is an overflow panic)
      init = [{ op: 'set', local: i, value: this.exprAs(e.iter.start, INT) }];
      next = { op: 'set', local: i, value: call('__add', [getI, i64(1n), i32(line)], 'i64') };
    } else if (counted) {
      // a range value, `(range).rev()`, `(range).step_by(n)`: counts from its first to its last element
      // (`end` holds the bound the counter stops at), without building an array
      const held = this.hold(this.expr(counted.range), RANGE, 'range');
      const r: IR = { op: 'get', local: held.local, vt: 'i32' };
      after = held.release;
      const step = this.fb.local('step', 'i64');
      const getStep: IR = { op: 'get', local: step, vt: 'i64' };
      const first = call('rt_range_first', [r, i32(line)], 'i64');
      const last = call('rt_range_last', [r, i32(counted.rev ? 1 : 0), i32(line)], 'i64');
      init = [
        held.init,
        { op: 'set', local: step, value: counted.step ? call('rt_range_step', [this.exprAs(counted.step, INT), i32(line)], 'i64') : i64(1n) },
        { op: 'br', label: brk, cond: call('rt_range_is_empty', [r], 'i32') },
        { op: 'set', local: i, value: counted.rev ? last : first },
        { op: 'set', local: end, value: counted.rev ? first : last },
      ];
      // the distance left to the bound, unsigned (it cannot overflow): less than a step means done
      const left: IR = counted.rev ? { op: 'bin', w: 'i64.sub', a: getI, b: getEnd, vt: 'i64' } : { op: 'bin', w: 'i64.sub', a: getEnd, b: getI, vt: 'i64' };
      guard = { op: 'br', label: brk, cond: { op: 'bin', w: 'i64.lt_u', a: left, b: getStep, vt: 'i32' } };
      next = { op: 'set', local: i, value: { op: 'bin', w: counted.rev ? 'i64.sub' : 'i64.add', a: getI, b: getStep, vt: 'i64' } };
    } else if (it.k === 'arr' || it.k === 'str' || it.k === 'dyn' || it.k === 'map') {
      const iterFn = it.k === 'arr' ? null : 'rt_iter_array';
      const held = this.hold(iterFn ? call(iterFn, [this.exprAs(e.iter, DYN), i32(line)], 'i32') : this.expr(e.iter), iterFn ? DYN : it, 'coll');
      const coll = held.local;
      after = held.release;
      init = [
        held.init,
        { op: 'set', local: i, value: i64(0n) },
        { op: 'set', local: end, value: { op: 'un', w: 'i64.extend_i32_s', a: { op: 'load', w: 'i32.load', offset: 8, ptr: { op: 'get', local: coll, vt: 'i32' }, vt: 'i32' }, vt: 'i64' } },
      ];
      cond = { op: 'bin', w: 'i64.lt_s', a: getI, b: getEnd, vt: 'i32' };
      elemTy = it.k === 'arr' ? it.elem : it.k === 'str' ? STR : DYN;
      const ops = elemOps(it.k === 'arr' ? it.elem : DYN);
      elem = coerce(call(ops.get, [{ op: 'get', local: coll, vt: 'i32' }, getI, i32(line)], ops.vt), ops.ty, elemTy, line);
    } else {
      this.fb.loops.pop();
      return this.unsupported(`for over ${it.k}`, e);
    }
    const body = drop(this.block(e.body));
    this.fb.loops.pop();
    const loop: IR = {
      op: 'block', label: brk, vt: 'none', body: [...init, {
        op: 'loop', label: `${cont}_top`, body: seq([
          cond ? { op: 'br', label: brk, cond: { op: 'un', w: 'i32.eqz', a: cond, vt: 'i32' } } : { op: 'nop' },
          { op: 'block', label: cont, vt: 'none', body: [this.bindPatternIR(e.pattern, elem, elemTy), body] },
          guard,
          next,
          { op: 'br', label: `${cont}_top` },
        ]),
      }],
    };
    return after.op === 'nop' ? loop : seq([loop, after]);
  }

  /** A for loop's iterable that counts through a range: a range value, or `.rev()` / `.step_by(n)` of one. */
  private rangeLoop(iter: Expr): { range: Expr; rev: boolean; step?: Expr } | undefined {
    if (iter.kind === 'MethodCall' && this.ty(iter.receiver).k === 'range' && this.inst.calls.get(iter)?.k === 'rt') {
      if (iter.method === 'rev' && iter.args.length === 0) return { range: iter.receiver, rev: true };
      if (iter.method === 'step_by' && iter.args.length === 1) return { range: iter.receiver, rev: false, step: iter.args[0] };
    }
    return this.ty(iter).k === 'range' ? { range: iter, rev: false } : undefined;
  }

  private slice(coll: Expr, r: Extract<Expr, { kind: 'Range' }>, ct: Ty, line: number): IR {
    const flags = (r.start ? 1 : 0) | (r.end ? 2 : 0) | (r.inclusive ? 4 : 0);
    const start = r.start ? this.exprAs(r.start, INT) : i64(0n);
    const end = r.end ? this.exprAs(r.end, INT) : i64(0n);
    const fn = ct.k === 'str' ? 'rt_str_slice' : 'rt_arr_slice';
    // the slice borrows the collection: an owned temporary one is released after
    return this.borrowing(this.exprAs(coll, ct.k === 'str' || ct.k === 'arr' ? ct : DYN), DYN, c => call(fn, [c, start, end, i32(flags), i32(line)], 'i32'), 'i32');
  }

  /** xs[r] / s[r] with a range value r */
  private sliceByValue(coll: Expr, r: Expr, ct: Ty, line: number): IR {
    const fn = ct.k === 'str' ? 'rt_str_slice_range' : ct.k === 'arr' ? 'rt_arr_slice_range' : 'rt_dyn_slice_range';
    const args = [ct.k === 'str' || ct.k === 'arr' ? this.expr(coll) : this.exprAs(coll, DYN), this.expr(r)];
    return this.borrowingAll(args, [DYN, DYN], ([c, x]) => call(fn, [c, x, i32(line)], 'i32'), 'i32');
  }

  private closure(e: Extract<Expr, { kind: 'Closure' }>): IR {
    const ci = this.inst.closureInsts.get(e)!;
    const name = this.m.need(ci);
    this.m.tableIndex(name);
    return this.makeClosure(name, ci.params.length, ci.captures.map(v => this.cellOf(v)));
  }

  private makeClosure(fn: string, arity: number, captures: IR[]): IR {
    const tmp = this.fb.local('clo', 'i32');
    const p: IR = { op: 'get', local: tmp, vt: 'i32' };
    const out: IR[] = [
      { op: 'set', local: tmp, value: call('rt_alloc', [i32(20 + 4 * captures.length)], 'i32') },
      { op: 'store', w: 'i32.store', offset: 0, ptr: p, value: i32(1) },
      { op: 'store', w: 'i32.store', offset: 4, ptr: p, value: i32(K.CLOSURE) },
      { op: 'store', w: 'i32.store', offset: 8, ptr: p, value: { op: 'fnidx', fn } },
      { op: 'store', w: 'i32.store', offset: 12, ptr: p, value: i32(arity) },
      { op: 'store', w: 'i32.store', offset: 16, ptr: p, value: i32(captures.length) },
    ];
    captures.forEach((c, i) => out.push({ op: 'store', w: 'i32.store', offset: 20 + 4 * i, ptr: p, value: call('rt_retain_ret', [c], 'i32') }));
    out.push(p);
    return { op: 'block', body: out, vt: 'i32', owned: true };
  }

  /** A named function used as a value: a closure over a wrapper with the closure ABI. */
  private fnValue(inst: Instance): IR {
    let wrapper = this.m.fnValueWrappers.get(inst);
    if (!wrapper) {
      wrapper = `${inst.name}$value`;
      this.m.fnValueWrappers.set(inst, wrapper);
      const target = this.m.need(inst);
      const args = inst.params.map((p, i) => coerce({ op: 'get', local: i + 1, vt: 'i32' }, DYN, p.ty, inst.decl?.span.line ?? 0));
      const r = call(target, args, vtOf(inst.ret));
      this.m.funcs.push({
        name: wrapper, params: ['i32', ...inst.params.map(() => 'i32' as VT)], result: 'i32',
        locals: [{ name: 'env', vt: 'i32' }, ...inst.params.map(p => ({ name: p.name, vt: 'i32' as VT }))],
        body: coerce(r, inst.ret, DYN, 0), line: inst.decl?.span.line ?? 0,
      });
      this.m.tableIndex(wrapper);
    }
    return this.makeClosure(wrapper, inst.params.length, []);
  }

  private tryExpr(e: Extract<Expr, { kind: 'Try' }>, t: Ty): IR {
    const line = e.span.line;
    const tmp = this.fb.local('try', 'i32');
    const p: IR = { op: 'get', local: tmp, vt: 'i32' };
    const tag: IR = { op: 'load', w: 'i32.load16_u', offset: 6, ptr: p, vt: 'i32' };
    const failing: IR = { op: 'bin', w: 'i32.or', a: { op: 'bin', w: 'i32.eq', a: tag, b: i32(0), vt: 'i32' }, b: { op: 'bin', w: 'i32.eq', a: tag, b: i32(3), vt: 'i32' }, vt: 'i32' };
    return seq([
      { op: 'set', local: tmp, value: this.exprAs(e.expr, DYN) },
      { op: 'if', cond: failing, then: this.ret(coerce(p, DYN, this.retTy(), line), this.retTy()), vt: 'none' },
      coerce(loadSlot(p, 0, DYN), DYN, t, line),
    ], vtOf(t));
  }

  /**
   * A runtime method that consumes its receiver and returns the updated one (push, pop, insert,
   * remove, clear, ...): the receiver place is rewritten with the result; a produced value comes
   * back through the `out` scratch word.
   */
  private mutatingCall(e: Extract<Expr, { kind: 'MethodCall' }>, fn: string, params: Ty[], out: boolean, hasLine: boolean, ret: Ty, t: Ty): IR {
    const line = e.span.line;
    const args = e.args.map((a, i) => this.exprAs(a, params[i] ?? DYN));
    const scratch: IR = { op: 'data', id: this.m.data.scratch() };
    const extra: IR[] = [...(out ? [scratch] : []), ...(hasLine ? [i32(line)] : [])];
    const recvTy = this.ty(e.receiver);
    const argLocals = args.map((a, i) => {
      const vt = vtOf(params[i] ?? DYN) === 'none' ? 'i32' : vtOf(params[i] ?? DYN);
      return { l: this.fb.local('arg', vt), vt, a };
    });
    const pre: IR[] = argLocals.map(x => ({ op: 'set', local: x.l, value: x.a }));
    const argGets: IR[] = argLocals.map(x => ({ op: 'get', local: x.l, vt: x.vt }));
    const apply = (cur: IR): IR => call(fn, [cur, ...argGets, ...extra], 'i32');
    let update: IR;
    if (this.place.isPlace(e.receiver)) {
      update = this.place.update(e.receiver, (cur, vt) => coerce(apply(coerce(cur(), vt, recvTy.k === 'arr' || recvTy.k === 'map' ? recvTy : DYN, line)), DYN, vt, line), line);
    } else {
      update = { op: 'drop', value: apply(this.exprAs(e.receiver, recvTy.k === 'arr' || recvTy.k === 'map' ? recvTy : DYN)) };
    }
    // the runtime retains what it stores: owned temporaries among the arguments are released after
    const post: IR[] = argLocals.filter((x, i) => isRef(params[i] ?? DYN) && ownership(x.a) === 'owned')
      .map(x => call('rt_release', [{ op: 'get', local: x.l, vt: 'i32' }], 'none'));
    if (!out) return seq([...pre, update, ...post, ...(vtOf(t) === 'none' ? [] : [coerce(nilRef(), DYN, t, line)])], vtOf(t));
    const produced: IR = { op: 'load', w: 'i32.load', offset: 0, ptr: scratch, vt: 'i32' };
    return seq([...pre, update, ...post, coerce(coerce(produced, DYN, ret, line), ret, t, line)], vtOf(t));
  }

  /** A user method called on a dyn receiver: chosen by the receiver's run-time type. */
  private dispatch(e: Extract<Expr, { kind: 'MethodCall' }>, targets: { typeName: string; inst: Instance }[], t: Ty, line: number): IR {
    // the receiver and the arguments are borrowed by the call: owned ones are held and released after
    const held = [this.hold(this.exprAs(e.receiver, DYN), DYN, 'recv'), ...e.args.map(a => this.hold(this.exprAs(a, DYN), DYN, 'arg'))];
    const recv = held[0].local;
    const res = this.fb.local('res', 'i32');
    const argLocals = held.slice(1).map(h => h.local);
    const out = this.fb.label('dispatch');
    const body: IR[] = held.map(h => h.init);
    const tid: IR = { op: 'load', w: 'i32.load16_u', offset: 6, ptr: { op: 'get', local: recv, vt: 'i32' }, vt: 'i32' };
    const isObj: IR = { op: 'bin', w: 'i32.ge_u', a: { op: 'load', w: 'i32.load8_u', offset: 4, ptr: { op: 'get', local: recv, vt: 'i32' }, vt: 'i32' }, b: i32(K.TUPLE), vt: 'i32' };
    const checks: IR[] = [];
    for (const tg of targets) {
      const ids = this.m.structTypeIds.has(tg.typeName) ? [this.m.structTypeIds.get(tg.typeName)!]
        : [...this.m.enumTypeIds.entries()].filter(([k]) => k.startsWith(tg.typeName + '::')).map(([, v]) => v);
      if (!ids.length) continue;
      const name = this.m.need(tg.inst);
      const cond = ids.map(id => ({ op: 'bin', w: 'i32.eq', a: tid, b: i32(id), vt: 'i32' }) as IR).reduce((a, b) => ({ op: 'bin', w: 'i32.or', a, b, vt: 'i32' }));
      const callArgs = [coerce({ op: 'get', local: recv, vt: 'i32' }, DYN, tg.inst.selfVar!.ty, line),
        ...argLocals.map((l, i) => coerce({ op: 'get', local: l, vt: 'i32' }, DYN, tg.inst.params[i].ty, line))];
      checks.push({ op: 'if', cond, vt: 'none', then: { op: 'br', label: out, value: coerce(call(name, callArgs, vtOf(tg.inst.ret)), tg.inst.ret, DYN, line) } });
    }
    // not a user type: the runtime's method of that name (strings, arrays, ...) when there is one
    const dmx = this.m.typed.methodsTable.methods.dyn?.[e.method];
    const dm = dmx && dmx.params.length === e.args.length && !dmx.consumes ? dmx : undefined;
    const fallback: IR = dm
      ? call(dm.fn, [{ op: 'get', local: recv, vt: 'i32' }, ...argLocals.map(l => ({ op: 'get', local: l, vt: 'i32' }) as IR), ...(dm.line ? [i32(line)] : [])], 'i32')
      : seq([call('rt_panic', [{ op: 'data', id: this.m.data.str(`no method \`${e.method}\` on this value`) }, i32(line)], 'none'), { op: 'unreachable' }], 'i32');
    body.push({ op: 'set', local: res, value: { op: 'block', label: out, vt: 'i32', body: [{ op: 'if', cond: isObj, vt: 'none', then: seq(checks) }, fallback] } });
    // every path's result is a fresh (boxed) value
    return coerce(seq([...body, ...held.map(h => h.release).reverse(), { op: 'get', local: res, vt: 'i32' }], 'i32', true), DYN, t, line);
  }

  private structLit(e: Extract<Expr, { kind: 'StructLit' }>, t: Ty): IR {
    const line = e.span.line;
    if (t.k === 'struct') {
      const sd = this.m.typed.decls.structs.get(t.name)!;
      const slotTys = this.m.structSlotTys.get(t.name)!;
      const slots = sd.fields.map((fd, i) => {
        const f = e.fields.find(x => x.name === fd.name);
        if (f) return this.exprAs(f.value, slotTys[i]);
        if (fd.default) return this.exprAs(fd.default, slotTys[i]);
        if (isRef(slotTys[i])) return nilRef();
        return slotTys[i].k === 'int' ? i64(0n) : slotTys[i].k === 'float' ? f64(0) : i32(0);
      });
      return this.makeObj(sd.flavor === 'class' ? K.CLASS : K.STRUCT, this.m.structTypeIds.get(t.name)!, slots, line, undefined, slotTys);
    }
    if (t.k === 'enum') {
      const vname = e.path[e.path.length - 1];
      const ed = this.m.typed.decls.enums.get(t.name)!;
      const vd = ed.variants.find(v => v.name === vname)!;
      const slots = vd.fields.map(fd => {
        const f = e.fields.find(x => x.name === fd.name);
        return f ? this.exprAs(f.value, DYN) : nilRef();
      });
      return this.makeObj(K.ENUM, this.m.enumTypeIds.get(`${t.name}::${vname}`)!, slots, line);
    }
    return this.unsupported('struct literal', e);
  }
}

/**
 * The representation of a methods.json type word at a runtime call: the words mean what the type
 * phase says (parseTyWord), except `elem` of an array: the runtime's array methods take and return
 * elements boxed (only the typed get/set/push entry points are unboxed, see elemOps).
 */
function wordTy(w: string, rt: Ty = DYN): Ty {
  return parseTyWord(w, rt.k === 'arr' ? { k: 'arr', elem: DYN } : rt);
}
