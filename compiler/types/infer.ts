// Whole-program type inference by abstract interpretation: every function is specialised
// (monomorphised) per tuple of argument types found at its call sites; variables get the join of
// every value assigned to them; the whole program is re-walked until nothing widens any more, then
// walked once more to report errors with complete types.
import type { Block, Expr, FunDecl, Pattern, Program, Stmt, LitValue } from '../syntax/ast.ts';
import { type Diagnostic, type Span, diag } from '../diagnostics.ts';
import { type Ty, NEVER, INT, FLOAT, BOOL, NIL, STR, DYN, RANGE, FN, arr, option, result, join, tyEq, clampDepth, isScalar, showTy, tyKey } from './types.ts';
import { type Decls, collectDecls, tyOf } from './decls.ts';
import { type MethodTable, findMethod, hasOwnMethod, parseTyWord } from './methods.ts';
import type { CallTarget, Instance, TypedProgram, VarInfo } from './program.ts';
import { Scope } from './scope.ts';
import { type FmtPlan, formatPlan, specTypeError, countTypeError } from './fmtplan.ts';
import { parseSpec } from '../syntax/fmtspec.ts';

/** the builtins and macros whose first argument may be a format string (given more arguments) */
const PRINTS: ReadonlySet<string> = new Set(['println', 'print', 'eprintln', 'eprint', 'panic']);

const MAX_INSTANCES_PER_DECL = 12;
const MAX_ROUNDS = 60;

/** builtin free functions: name -> arity range */
const BUILTINS: Record<string, [number, number]> = {
  println: [0, 99], print: [0, 99], eprintln: [0, 99], eprint: [0, 99], len: [1, 1], range: [1, 3],
  abs: [1, 1], min: [2, 2], max: [2, 2], pow: [2, 2], sqrt: [1, 1], floor: [1, 1], ceil: [1, 1],
  round: [1, 1], str: [1, 1], int: [1, 1], float: [1, 1], parse_int: [1, 1], parse_float: [1, 1],
  assert: [1, 2], assert_eq: [2, 3], type_of: [1, 1], Some: [1, 1], Ok: [1, 1], Err: [1, 1],
  panic: [0, 1], format: [1, 99], to_string: [1, 1], bool: [1, 1],
};

/** methods the compiler expands itself (higher-order and control-flow-shaped ones) */
const INTRINSIC_METHODS = new Set([
  'map', 'filter', 'reduce', 'fold', 'any', 'all', 'find', 'each', 'for_each', 'position', 'count_by', 'sort_by', 'flat_map',
  'push', 'pop', 'insert', 'remove', 'clear', 'extend', 'append',
  'unwrap', 'expect', 'unwrap_or', 'unwrap_or_else', 'unwrap_or_default', 'is_some', 'is_none', 'is_ok', 'is_err',
  'and_then', 'or_else', 'or', 'ok', 'err', 'map_err', 'iter', 'into_iter', 'collect', 'clone', 'to_string',
]);

/** [min, max] arguments of the intrinsic methods (those not listed take one) */
const INTRINSIC_ARITY: Record<string, [number, number]> = {
  reduce: [1, 2], fold: [2, 2], insert: [1, 2], pop: [0, 0], clear: [0, 0], unwrap: [0, 0], unwrap_or_default: [0, 0],
  is_some: [0, 0], is_none: [0, 0], is_ok: [0, 0], is_err: [0, 0], ok: [0, 0], err: [0, 0], iter: [0, 0],
  into_iter: [0, 0], collect: [0, 0], clone: [0, 0], to_string: [0, 0],
};

/** an enclosing loop, or a labelled block (`block`: only a labelled `break` leaves it) */
interface Loop { label?: string; breakTy: Ty; block?: boolean }

interface Ctx {
  inst: Instance;
  scope: Scope;
  loops: Loop[];
  /** join of the values given to `return` (and the tail) */
  retTy: Ty;
  /** declared return type, checked at returns */
  declaredRet?: Ty;
  selfTy?: Ty;
}

export function inferProgram(program: Program, methods: MethodTable, library = false): { program: TypedProgram; diagnostics: Diagnostic[] } {
  return new Checker(program, methods, library).run();
}

class Checker {
  readonly diags: Diagnostic[] = [];
  private seen = new Set<string>();
  readonly decls: Decls;
  private instances = new Map<string, Instance>();
  private order: Instance[] = [];
  private perDecl = new Map<FunDecl, number>();
  private changed = false;
  private reporting = false;
  private nextVar = 0;
  private globals: VarInfo[] = [];
  private globalByName = new Map<string, VarInfo>();
  private script: Instance;
  private scriptCallsMain = false;

  constructor(readonly program: Program, readonly methods: MethodTable, readonly library: boolean) {
    const pre: Diagnostic[] = [];
    this.decls = collectDecls(program, pre);
    this.diags.push(...pre);
    this.script = this.newInstance('__script', 'script');
  }

  run(): { program: TypedProgram; diagnostics: Diagnostic[] } {
    // globals: top-level let bindings, declared up front so functions can see them
    for (const s of this.program.body) {
      if (s.kind === 'Let') this.declarePattern(s.pattern, true, (v, p) => this.script.binds.set(p, v));
    }
    const main = this.decls.funs.get('main');
    this.scriptCallsMain = this.program.body.some(s => s.kind === 'ExprStmt' && s.expr.kind === 'Call'
      && s.expr.callee.kind === 'Ident' && s.expr.callee.name === 'main');
    let runMainAfter: Instance | null = null;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      this.changed = false;
      this.inferAll();
      if (main && !this.scriptCallsMain && main.params.length === 0) runMainAfter = this.instanceFor(main, [], undefined);
      if (!this.changed) break;
    }
    // library targets: exported functions, specialised for their annotated parameter types
    const exports: { name: string; inst: Instance }[] = [];
    if (this.library) {
      for (const f of this.decls.funs.values()) {
        if (f.isPub || f.name === 'main') exports.push({ name: f.name, inst: this.instanceFor(f, f.params.map(() => DYN), undefined) });
      }
    }
    // functions nobody calls are still checked, with dyn parameters
    for (const f of this.decls.funs.values()) if (!this.perDecl.has(f)) this.instanceFor(f, f.params.map(() => DYN), undefined);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      this.changed = false;
      this.inferAll();
      if (!this.changed) break;
    }
    this.reporting = true;
    this.inferAll();
    const diagnostics = this.diags.sort((a, b) => a.span.start - b.span.start);
    return {
      program: {
        program: this.program, decls: this.decls, script: this.script, instances: this.order,
        globals: this.globals, runMainAfter: this.library ? null : runMainAfter, exports, methodsTable: this.methods,
      },
      diagnostics,
    };
  }

  private inferAll(): void {
    for (let i = 0; i < this.order.length; i++) this.inferInstance(this.order[i]);
  }

  // ------------------------------------------------------------------ diagnostics
  private error(kind: 'name' | 'type' | 'parse', message: string, span: Span): void {
    if (!this.reporting) return;
    const key = `${span.start}:${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.diags.push(diag(kind, message, span));
  }

  // ------------------------------------------------------------------ instances
  private newInstance(name: string, kind: Instance['kind']): Instance {
    const inst: Instance = {
      name, kind, params: [], ret: NEVER, types: new Map(), refs: new Map(), binds: new Map(),
      calls: new Map(), captures: [], closureInsts: new Map(), fnValues: new Map(),
    };
    this.order.push(inst);
    this.changed = true;
    return inst;
  }

  private newVar(name: string, mutable: boolean, global = false): VarInfo {
    return { id: this.nextVar++, name, ty: NEVER, mutable, global, captured: false };
  }

  /** The specialisation of `decl` for these argument types (created on first use). */
  instanceFor(decl: FunDecl, args: Ty[], selfTy: Ty | undefined, owner?: string): Instance {
    const tps = this.decls.typeParams.get(decl);
    let params = decl.params.map((p, i) => {
      const a = clampDepth(args[i] ?? DYN);
      if (p.type && !(p.type.kind === 'TName' && tps?.has(p.type.name)) && p.type.kind !== 'TImpl') {
        const declared = tyOf(p.type, this.decls, tps, selfTy);
        if (declared.k !== 'dyn') return declared;
      }
      return a.k === 'never' ? DYN : a;
    });
    const count = this.perDecl.get(decl) ?? 0;
    let key = `${owner ?? ''}::${decl.name}(${params.map(tyKey).join(',')})${selfTy ? '@' + tyKey(selfTy) : ''}`;
    let inst = this.instances.get(key);
    if (!inst && count >= MAX_INSTANCES_PER_DECL) {
      params = params.map(() => DYN);
      key = `${owner ?? ''}::${decl.name}(${params.map(tyKey).join(',')})${selfTy ? '@' + tyKey(selfTy) : ''}`;
      inst = this.instances.get(key);
    }
    if (inst) return inst;
    this.perDecl.set(decl, count + 1);
    const base = (owner ? owner + '.' : '') + decl.name;
    inst = this.newInstance(`${base}#${this.instances.size}`, 'fun');
    inst.decl = decl;
    inst.params = decl.params.map((p, i) => {
      const v = this.newVar(p.pattern.kind === 'PBind' ? p.pattern.name : `arg${i}`, true);
      v.ty = params[i];
      return v;
    });
    inst.owner = selfTy;
    if (decl.self) {
      inst.selfVar = this.newVar('self', decl.self.mutable);
      inst.selfVar.ty = selfTy ?? DYN;
    }
    this.instances.set(key, inst);
    return inst;
  }

  private inferInstance(inst: Instance): void {
    if (inst.kind === 'closure') return; // closures are inferred inside their enclosing instance
    inst.types = new Map();
    inst.refs = new Map();
    inst.calls = new Map();
    const ctx: Ctx = { inst, scope: new Scope(null), loops: [], retTy: NEVER };
    if (inst.kind === 'script') {
      this.inferStmts(this.program.body, ctx, true);
      inst.ret = NIL;
      return;
    }
    const decl = inst.decl!;
    const tps = this.decls.typeParams.get(decl);
    ctx.selfTy = inst.owner;
    if (inst.selfVar) { ctx.scope.define(inst.selfVar); ctx.selfTy = inst.selfVar.ty; }
    decl.params.forEach((p, i) => {
      const v = inst.params[i];
      if (p.pattern.kind === 'PBind') { ctx.scope.define(v); inst.binds.set(p.pattern, v); }
      else this.bindPattern(p.pattern, v.ty, ctx, false);
    });
    if (decl.ret) ctx.declaredRet = tyOf(decl.ret, this.decls, tps, ctx.selfTy ?? this.selfTyOfDecl(inst));
    if (!decl.body) return;
    const bodyTy = this.inferBlock(decl.body, ctx);
    let ret = join(ctx.retTy, bodyTy);
    if (ctx.declaredRet && ctx.declaredRet.k !== 'dyn') {
      if (decl.body.tail) this.checkAssignable(ctx.declaredRet, bodyTy, decl.body.tail.span, 'return');
      ret = ctx.declaredRet.k === 'nil' ? NIL : ctx.declaredRet;
    } else if (ctx.declaredRet?.k === 'dyn' && decl.ret && !(decl.ret.kind === 'TName' && tps?.has(decl.ret.name))) {
      ret = join(ret, NEVER);
    }
    ret = clampDepth(ret);
    if (!tyEq(ret, inst.ret)) {
      inst.ret = join(inst.ret, ret);
      if (!tyEq(inst.ret, ret) && inst.ret.k !== ret.k) inst.ret = clampDepth(inst.ret);
      this.changed = true;
    }
  }

  private selfTyOfDecl(inst: Instance): Ty | undefined {
    return inst.selfVar?.ty;
  }

  private checkAssignable(want: Ty, got: Ty, span: Span, what: string): void {
    if (got.k === 'never' || want.k === 'dyn' || got.k === 'dyn') return;
    const ok = tyEq(want, got) || (want.k === got.k && !isScalar(want)) || (want.k === 'float' && got.k === 'int');
    if (!ok) this.error('type', `mismatched types: expected ${showTy(want)}, found ${showTy(got)}${what === 'return' ? ' in return value' : ''}`, span);
  }

  // ------------------------------------------------------------------ variables
  private assign(v: VarInfo, t: Ty): void {
    const nt = clampDepth(v.captured ? DYN : join(v.ty, t));
    if (!tyEq(nt, v.ty)) { v.ty = nt; this.changed = true; }
  }

  private declarePattern(p: Pattern, global: boolean, onVar: (v: VarInfo, p: Pattern) => void): void {
    switch (p.kind) {
      case 'PBind': {
        const v = this.newVar(p.name, p.mutable, global);
        if (global) { this.globals.push(v); this.globalByName.set(p.name, v); }
        onVar(v, p);
        if (p.sub) this.declarePattern(p.sub, global, onVar);
        break;
      }
      case 'PTuple': p.elems.forEach(e => this.declarePattern(e, global, onVar)); break;
      case 'PArray': p.elems.forEach(e => this.declarePattern(e, global, onVar)); break;
      case 'PVariant': p.args.forEach(e => this.declarePattern(e, global, onVar)); break;
      case 'PStruct': p.fields.forEach(f => this.declarePattern(f.pat, global, onVar)); break;
      default: break;
    }
  }

  /** Binds the variables of a pattern matched against a value of type `t`. */
  bindPattern(p: Pattern, t: Ty, ctx: Ctx, refutable: boolean): void {
    switch (p.kind) {
      case 'PWild': case 'PLit': case 'PRange': case 'PPath': return;
      case 'PBind': {
        let v = ctx.inst.binds.get(p);
        if (!v) { v = this.newVar(p.name, p.mutable); ctx.inst.binds.set(p, v); }
        this.assign(v, t);
        ctx.scope.define(v);
        if (p.sub) this.bindPattern(p.sub, t, ctx, refutable);
        return;
      }
      case 'PTuple':
        p.elems.forEach((e, i) => this.bindPattern(e, t.k === 'tuple' ? (t.elems[i] ?? DYN) : t.k === 'never' ? NEVER : DYN, ctx, refutable));
        return;
      case 'PArray': {
        const el = t.k === 'arr' ? t.elem : t.k === 'never' ? NEVER : DYN;
        p.elems.forEach(e => this.bindPattern(e, el, ctx, refutable));
        if (p.rest?.bind) {
          // the rest binding is keyed by the array pattern itself
          let v = ctx.inst.binds.get(p);
          if (!v) { v = this.newVar(p.rest.bind, false); ctx.inst.binds.set(p, v); }
          this.assign(v, t.k === 'arr' ? t : t.k === 'never' ? NEVER : arr(DYN));
          ctx.scope.define(v);
        }
        return;
      }
      case 'POr': {
        // a name bound in several alternatives is one variable
        const first = new Map<string, VarInfo>();
        p.alts.forEach((a, i) => {
          if (i > 0) for (const b of pbinds(a)) { const v = first.get(b.name); if (v && !ctx.inst.binds.has(b)) ctx.inst.binds.set(b, v); }
          this.bindPattern(a, t, ctx, refutable);
          if (i === 0) for (const b of pbinds(a)) { const v = ctx.inst.binds.get(b); if (v) first.set(b.name, v); }
        });
        return;
      }
      case 'PVariant': {
        const fieldTys = this.variantFieldTys(p.path, t, p.args.length, p.span);
        p.args.forEach((a, i) => this.bindPattern(a, fieldTys[i] ?? DYN, ctx, refutable));
        return;
      }
      case 'PStruct': {
        const name = p.path[p.path.length - 1];
        const sd = p.path.length === 1 ? this.decls.structs.get(name) : undefined;
        for (const f of p.fields) {
          let ft: Ty = DYN;
          if (sd) {
            const fd = sd.fields.find(x => x.name === f.name);
            if (!fd) this.error('type', `struct ${name} has no field \`${f.name}\``, f.span);
            else ft = tyOf(fd.type, this.decls, new Set(sd.typeParams.map(x => x.name)));
          } else {
            const vd = this.findVariant(p.path);
            const fd = vd?.fields.find(x => x.name === f.name);
            if (vd && !fd) this.error('type', `variant ${p.path.join('::')} has no field \`${f.name}\``, f.span);
            if (fd) ft = tyOf(fd.type, this.decls, undefined);
          }
          this.bindPattern(f.pat, ft, ctx, refutable);
        }
        return;
      }
    }
  }

  private findVariant(path: string[]) {
    const vname = path[path.length - 1];
    const ename = path.length >= 2 ? path[path.length - 2] : this.decls.variantOwner.get(vname);
    const ed = ename ? this.decls.enums.get(ename) : undefined;
    return ed?.variants.find(v => v.name === vname);
  }

  private variantFieldTys(path: string[], t: Ty, n: number, span: Span): Ty[] {
    const vname = path[path.length - 1];
    if (path.length === 1 && (vname === 'Some' || vname === 'Ok' || vname === 'Err')) {
      if (t.k === 'option') return [t.inner];
      if (t.k === 'result') return [vname === 'Err' ? t.err : t.ok];
      return [t.k === 'never' ? NEVER : DYN];
    }
    const vd = this.findVariant(path);
    if (!vd) {
      this.error('name', `no variant \`${path.join('::')}\` is defined`, span);
      return Array(n).fill(DYN);
    }
    const ename = path.length >= 2 ? path[path.length - 2] : this.decls.variantOwner.get(vname)!;
    const ed = this.decls.enums.get(ename)!;
    const tps = new Set(ed.typeParams.map(x => x.name));
    return vd.fields.map(f => tyOf(f.type, this.decls, tps));
  }

  /**
   * `xs.pop()` on an array gives the element or nil (as the reference does), except where the
   * program matches it against `Some(..)` / `None` (`while let Some(x) = xs.pop()`, `if let`,
   * `match`, let-else): there it has its Rust meaning, an Option (None when the array is empty).
   */
  private optionPops = new Set<Expr>();
  private markOptionPop(value: Expr, patterns: Pattern[]): void {
    if (value.kind !== 'MethodCall' || value.method !== 'pop' || value.args.length) return;
    const optionShaped = (p: Pattern): boolean => {
      if (p.kind === 'POr') return p.alts.some(optionShaped);
      if (p.kind === 'PBind' && p.sub) return optionShaped(p.sub);
      const path = p.kind === 'PVariant' || p.kind === 'PPath' ? p.path : undefined;
      const name = path?.[path.length - 1];
      return !!path && (path.length === 1 || (path.length === 2 && path[0] === 'Option')) && (name === 'Some' || name === 'None');
    };
    if (patterns.some(optionShaped)) this.optionPops.add(value);
  }

  // ------------------------------------------------------------------ statements
  inferStmts(stmts: Stmt[], ctx: Ctx, topLevel = false): void {
    for (const s of stmts) this.inferStmt(s, ctx, topLevel);
  }

  private inferStmt(s: Stmt, ctx: Ctx, topLevel: boolean): void {
    switch (s.kind) {
      case 'ItemStmt': return;
      case 'ExprStmt': this.inferExpr(s.expr, ctx); return;
      case 'Let': {
        if (s.init && s.elseBlock) this.markOptionPop(s.init, [s.pattern]);
        let t = s.init ? this.inferExpr(s.init, ctx) : NIL;
        if (s.type) {
          const want = tyOf(s.type, this.decls, undefined, ctx.selfTy);
          if (s.init) this.checkAssignable(want, t, s.init.span, 'let');
          if (want.k !== 'dyn' && !(want.k === 'arr' && want.elem.k === 'dyn')) t = want;
        }
        if (s.elseBlock) {
          // let-else: the else block runs when the pattern does not match, without its bindings, and must diverge
          if (this.inferBlock(s.elseBlock, ctx).k !== 'never') this.error('type', 'the `else` block of `let ... else` must diverge (end with `return`, `break`, `continue` or `panic!`)', s.elseBlock.span);
          if (topLevel) this.bindGlobalPattern(s.pattern, t, ctx);
          else this.bindPattern(s.pattern, t, ctx, true);
          return;
        }
        if (topLevel) {
          // globals were declared up front; (re)bind their names in order
          this.bindGlobalPattern(s.pattern, t, ctx);
        } else {
          this.bindPattern(s.pattern, t, ctx, false);
        }
        return;
      }
    }
  }

  private bindGlobalPattern(p: Pattern, t: Ty, ctx: Ctx): void {
    const v = ctx.inst.binds.get(p);
    if (p.kind === 'PBind' && v) {
      this.assign(v, t);
      ctx.scope.define(v);
      return;
    }
    if (p.kind === 'PTuple') {
      p.elems.forEach((e, i) => this.bindGlobalPattern(e, t.k === 'tuple' ? (t.elems[i] ?? DYN) : t.k === 'never' ? NEVER : DYN, ctx));
      return;
    }
    this.bindPattern(p, t, ctx, false);
  }

  inferBlock(b: Block, ctx: Ctx): Ty {
    const outer = ctx.scope;
    ctx.scope = new Scope(outer);
    this.inferStmts(b.stmts, ctx);
    const t = b.tail ? this.inferExpr(b.tail, ctx) : NIL;
    ctx.scope = outer;
    // a block whose last statement diverges (return/break) has type never
    if (!b.tail && b.stmts.length) {
      const last = b.stmts[b.stmts.length - 1];
      if (last.kind === 'ExprStmt' && ctx.inst.types.get(last.expr)?.k === 'never' && isDiverging(last.expr)) return NEVER;
    }
    return t;
  }

  // ------------------------------------------------------------------ expressions
  inferExpr(e: Expr, ctx: Ctx): Ty {
    const t = this.exprTy(e, ctx);
    ctx.inst.types.set(e, t);
    return t;
  }

  private exprTy(e: Expr, ctx: Ctx): Ty {
    switch (e.kind) {
      case 'Lit': return litTy(e.value);
      case 'FString':
        for (const p of e.parts) {
          if (!p.expr) continue;
          const t = this.inferExpr(p.expr, ctx);
          const spec = p.spec === undefined ? undefined : parseSpec(p.spec);
          const bad = spec && !('message' in spec) && specTypeError(spec, t);
          if (bad) this.error('type', bad, p.specSpan ?? e.span);
        }
        return STR;
      case 'Ident': return this.identTy(e, ctx);
      case 'Path': return this.pathTy(e, ctx);
      case 'Unary': {
        const t = this.inferExpr(e.expr, ctx);
        if (t.k === 'never') return NEVER;
        if (e.op === '!') {
          if (t.k === 'bool') return BOOL;
          if (t.k === 'int') return INT;
          if (t.k === 'dyn') return DYN;
          this.error('type', `cannot apply \`!\` to ${showTy(t)}`, e.span);
          return DYN;
        }
        if (t.k === 'int' || t.k === 'float' || t.k === 'dyn') return e.op === '~' && t.k === 'float' ? DYN : t;
        this.error('type', `cannot apply unary \`${e.op}\` to ${showTy(t)}`, e.span);
        return DYN;
      }
      case 'Binary': return this.binaryTy(e, ctx);
      case 'Assign': return this.assignTy(e, ctx);
      case 'Call': return this.callTy(e, ctx);
      case 'MethodCall': return this.methodTy(e, ctx);
      case 'Macro': return this.macroTy(e, ctx);
      case 'Field': return this.fieldTy(e, ctx);
      case 'TupleField': {
        const t = this.inferExpr(e.expr, ctx);
        if (t.k === 'tuple') {
          if (e.index >= t.elems.length) { this.error('type', `no field \`${e.index}\` on ${showTy(t)}`, e.span); return DYN; }
          return t.elems[e.index];
        }
        if (t.k === 'never') return NEVER;
        if (t.k === 'dyn' || t.k === 'struct' || t.k === 'enum') return DYN;
        this.error('type', `no field \`${e.index}\` on type ${showTy(t)}`, e.span);
        return DYN;
      }
      case 'Index': {
        const t = this.inferExpr(e.expr, ctx);
        const it = this.inferExpr(e.index, ctx);
        if (t.k === 'never') return NEVER;
        if (e.index.kind === 'Range' || it.k === 'range') {
          // slicing, with a range written in place or held in a value
          if (t.k === 'arr' || t.k === 'str') return t;
          return DYN;
        }
        if (t.k === 'arr') { this.expectIntLike(it, e.index.span); return t.elem; }
        if (t.k === 'str') { this.expectIntLike(it, e.index.span); return STR; }
        if (t.k === 'map') return t.value;
        if (t.k === 'tuple' || t.k === 'dyn' || t.k === 'struct') return DYN;
        this.error('type', `cannot index into a value of type ${showTy(t)}`, e.span);
        return DYN;
      }
      case 'Range': {
        if (e.start) this.expectIntLike(this.inferExpr(e.start, ctx), e.start.span);
        if (e.end) this.expectIntLike(this.inferExpr(e.end, ctx), e.end.span);
        return RANGE;
      }
      case 'Array': {
        let el: Ty = NEVER;
        for (const x of e.elems) el = join(el, this.inferExpr(x, ctx));
        return arr(clampDepth(el));
      }
      case 'ArrayRepeat': {
        const el = this.inferExpr(e.value, ctx);
        this.expectIntLike(this.inferExpr(e.count, ctx), e.count.span);
        return arr(el);
      }
      case 'Tuple':
        if (e.elems.length === 0) return NIL;
        return { k: 'tuple', elems: e.elems.map(x => this.inferExpr(x, ctx)) };
      case 'Object': {
        let v: Ty = NEVER;
        for (const en of e.entries) v = join(v, this.inferExpr(en.value, ctx));
        return { k: 'map', key: STR, value: e.entries.length ? DYN : NEVER };
      }
      case 'StructLit': return this.structLitTy(e, ctx);
      case 'Block': return this.inferBlock(e.block, ctx);
      case 'If': {
        this.expectCond(this.inferExpr(e.cond, ctx), e.cond.span);
        const a = this.inferBlock(e.then, ctx);
        const b = e.else ? this.inferExpr(e.else, ctx) : NIL;
        return join(a, b);
      }
      case 'IfLet': {
        this.markOptionPop(e.value, [e.pattern]);
        const vt = this.inferExpr(e.value, ctx);
        const outer = ctx.scope;
        ctx.scope = new Scope(outer);
        this.bindPattern(e.pattern, vt, ctx, true);
        const a = this.inferBlock(e.then, ctx);
        ctx.scope = outer;
        const b = e.else ? this.inferExpr(e.else, ctx) : NIL;
        return join(a, b);
      }
      case 'Match': {
        this.markOptionPop(e.scrutinee, e.arms.map(a => a.pattern));
        const st = this.inferExpr(e.scrutinee, ctx);
        let t: Ty = NEVER;
        for (const arm of e.arms) {
          const outer = ctx.scope;
          ctx.scope = new Scope(outer);
          this.bindPattern(arm.pattern, st, ctx, true);
          if (arm.guard) this.expectCond(this.inferExpr(arm.guard, ctx), arm.guard.span);
          t = join(t, this.inferExpr(arm.body, ctx));
          ctx.scope = outer;
        }
        return t;
      }
      case 'While': {
        this.expectCond(this.inferExpr(e.cond, ctx), e.cond.span);
        ctx.loops.push({ label: e.label, breakTy: NEVER });
        this.inferBlock(e.body, ctx);
        ctx.loops.pop();
        return NIL;
      }
      case 'WhileLet': {
        ctx.loops.push({ label: e.label, breakTy: NEVER });
        const outer = ctx.scope;
        ctx.scope = new Scope(outer);
        this.markOptionPop(e.value, [e.pattern]);
        this.bindPattern(e.pattern, this.inferExpr(e.value, ctx), ctx, true);
        this.inferBlock(e.body, ctx);
        ctx.scope = outer;
        ctx.loops.pop();
        return NIL;
      }
      case 'Loop': {
        const l: Loop = { label: e.label, breakTy: NEVER, ...(e.block ? { block: true } : {}) };
        ctx.loops.push(l);
        this.inferBlock(e.body, ctx);
        ctx.loops.pop();
        return l.breakTy;
      }
      case 'For': {
        const it = this.inferExpr(e.iter, ctx);
        if (e.iter.kind === 'Range' && !e.iter.start) this.error('type', 'a range without a start (`..end`) cannot be iterated', e.iter.span);
        let el: Ty;
        switch (it.k) {
          case 'range': el = INT; break;
          case 'arr': el = it.elem; break;
          case 'str': el = STR; break;
          case 'map': el = { k: 'tuple', elems: [it.key, it.value] }; break;
          case 'dyn': el = DYN; break;
          case 'never': el = NEVER; break;
          default:
            this.error('type', `${showTy(it)} is not iterable`, e.iter.span);
            el = DYN;
        }
        const outer = ctx.scope;
        ctx.scope = new Scope(outer);
        this.bindPattern(e.pattern, el, ctx, false);
        ctx.loops.push({ label: e.label, breakTy: NEVER });
        this.inferBlock(e.body, ctx);
        ctx.loops.pop();
        ctx.scope = outer;
        return NIL;
      }
      case 'Break': {
        const t = e.value ? this.inferExpr(e.value, ctx) : NIL;
        const l = e.label ? [...ctx.loops].reverse().find(x => x.label === e.label) : [...ctx.loops].reverse().find(x => !x.block);
        if (!l) this.error('name', e.label ? `undeclared label \`'${e.label}\`` : '`break` outside of a loop', e.span);
        else l.breakTy = join(l.breakTy, t);
        return NEVER;
      }
      case 'Continue': {
        const l = e.label ? [...ctx.loops].reverse().find(x => x.label === e.label) : [...ctx.loops].reverse().find(x => !x.block);
        if (!l) this.error('name', e.label ? `undeclared label \`'${e.label}\`` : '`continue` outside of a loop', e.span);
        else if (l.block) this.error('name', `\`continue\` cannot go to the labelled block \`'${e.label}\` (only to a loop)`, e.span);
        return NEVER;
      }
      case 'Return': {
        const t = e.value ? this.inferExpr(e.value, ctx) : NIL;
        if (ctx.declaredRet && e.value) this.checkAssignable(ctx.declaredRet, t, e.value.span, 'return');
        ctx.retTy = join(ctx.retTy, t);
        return NEVER;
      }
      case 'Closure': return this.closureTy(e, ctx);
      case 'Try': {
        const t = this.inferExpr(e.expr, ctx);
        if (t.k === 'option') { ctx.retTy = join(ctx.retTy, option(NEVER)); return t.inner; }
        if (t.k === 'result') { ctx.retTy = join(ctx.retTy, result(NEVER, t.err)); return t.ok; }
        if (t.k === 'dyn') { ctx.retTy = join(ctx.retTy, DYN); return DYN; }
        if (t.k === 'never') return NEVER;
        this.error('type', `the \`?\` operator can only be applied to Option or Result, not ${showTy(t)}`, e.span);
        return DYN;
      }
      case 'Cast': {
        const t = this.inferExpr(e.expr, ctx);
        const want = tyOf(e.type, this.decls, undefined);
        if (want.k === 'int' || want.k === 'float') {
          if (!['int', 'float', 'bool', 'dyn', 'never', 'str'].includes(t.k)) this.error('type', `cannot cast ${showTy(t)} as ${showTy(want)}`, e.span);
          return want;
        }
        return want.k === 'dyn' ? t : want;
      }
    }
  }

  private expectIntLike(t: Ty, span: Span): void {
    if (t.k === 'int' || t.k === 'dyn' || t.k === 'never') return;
    this.error('type', `expected an integer, found ${showTy(t)}`, span);
  }

  private expectCond(t: Ty, span: Span): void {
    if (t.k === 'bool' || t.k === 'dyn' || t.k === 'never') return;
    this.error('type', `expected bool in condition, found ${showTy(t)}`, span);
  }

  private identTy(e: Extract<Expr, { kind: 'Ident' }>, ctx: Ctx): Ty {
    const v = ctx.scope.lookup(e.name) ?? (ctx.inst.kind !== 'script' ? this.globalByName.get(e.name) : undefined);
    if (v) {
      ctx.inst.refs.set(e, v);
      return v.captured ? DYN : v.ty;
    }
    const f = this.decls.funs.get(e.name);
    if (f) {
      ctx.inst.fnValues.set(e, this.instanceFor(f, f.params.map(() => DYN), undefined));
      return FN;
    }
    if (e.name === 'None') return option(NEVER);
    const c = this.decls.consts.get(e.name);
    if (c) return this.inferExpr(c.value, ctx);
    const owner = this.decls.variantOwner.get(e.name);
    if (owner) return { k: 'enum', name: owner };
    if (e.name === 'nil') return NIL;
    this.error('name', `\`${e.name}\` is not defined in this scope`, e.span);
    return DYN;
  }

  private pathTy(e: Extract<Expr, { kind: 'Path' }>, _ctx: Ctx): Ty {
    const [a, b] = e.path;
    if (e.path.length === 2 && this.decls.enums.has(a)) {
      const ed = this.decls.enums.get(a)!;
      const vd = ed.variants.find(v => v.name === b);
      if (!vd) { this.error('name', `no variant \`${b}\` in enum ${a}`, e.span); return DYN; }
      return { k: 'enum', name: a };
    }
    if (a === 'Option' && b === 'None') return option(NEVER);
    if (e.path.length === 2 && (a === 'f64' || a === 'i64') && (b === 'MAX' || b === 'MIN' || b === 'INFINITY' || b === 'NEG_INFINITY' || b === 'EPSILON' || b === 'NAN'))
      return a === 'f64' ? FLOAT : INT;
    if (e.path.length === 2 && (this.decls.structs.has(a) || this.decls.enums.has(a))) {
      const m = this.decls.methods.get(a)?.get(b);
      if (m) return FN;
    }
    this.error('name', `\`${e.path.join('::')}\` is not defined`, e.span);
    return DYN;
  }

  private binaryTy(e: Extract<Expr, { kind: 'Binary' }>, ctx: Ctx): Ty {
    const l = this.inferExpr(e.left, ctx);
    const r = this.inferExpr(e.right, ctx);
    return this.opTy(e.op, l, r, e.span, e.right);
  }

  opTy(op: string, l: Ty, r: Ty, span: Span, right?: Expr): Ty {
    if (l.k === 'never' || r.k === 'never') return op === '&&' || op === '||' ? BOOL : NEVER;
    const num = (t: Ty) => t.k === 'int' || t.k === 'float';
    switch (op) {
      case '&&': case '||':
        this.expectCond(l, span); this.expectCond(r, span);
        return BOOL;
      case '==': case '!=': return BOOL;
      case '<': case '<=': case '>': case '>=':
        if ((num(l) && num(r)) || l.k === 'dyn' || r.k === 'dyn' || tyEq(l, r) || (l.k === r.k && !isScalar(l))) return BOOL;
        this.error('type', `cannot compare ${showTy(l)} with ${showTy(r)}`, span);
        return BOOL;
      case '+': case '-': case '*': case '/': case '%': case '**':
        if (op === '+' && (l.k === 'str' || r.k === 'str')) return STR;
        if (op === '+' && l.k === 'arr' && r.k === 'arr') return join(l, r);
        if (l.k === 'int' && r.k === 'int') {
          if (op === '**' && right && isNegativeLiteral(right)) return FLOAT;
          return INT;
        }
        if (num(l) && num(r)) return FLOAT;
        if (op === '*' && l.k === 'str' && r.k === 'int') return STR;
        if (l.k === 'dyn' || r.k === 'dyn') return DYN;
        this.error('type', `cannot apply \`${op}\` to ${showTy(l)} and ${showTy(r)}`, span);
        return DYN;
      case '&': case '|': case '^': case '<<': case '>>':
        if (l.k === 'int' && r.k === 'int') return INT;
        if (l.k === 'bool' && r.k === 'bool' && (op === '&' || op === '|' || op === '^')) return BOOL;
        if (l.k === 'dyn' || r.k === 'dyn') return DYN;
        this.error('type', `cannot apply \`${op}\` to ${showTy(l)} and ${showTy(r)}`, span);
        return DYN;
    }
    return DYN;
  }

  private assignTy(e: Extract<Expr, { kind: 'Assign' }>, ctx: Ctx): Ty {
    const vt = this.inferExpr(e.value, ctx);
    const cur = this.inferExpr(e.target, ctx);
    const nt = e.op === '=' ? vt : this.opTy(e.op.slice(0, -1), cur, vt, e.span, e.value);
    this.assignTo(e.target, nt, ctx);
    return NIL;
  }

  /** Records that a value of type t is stored through an lvalue expression. */
  private assignTo(target: Expr, t: Ty, ctx: Ctx): void {
    switch (target.kind) {
      case 'Ident': {
        const v = ctx.inst.refs.get(target);
        if (v) this.assign(v, t);
        return;
      }
      case 'Index': {
        const ct = ctx.inst.types.get(target.expr);
        if (ct?.k === 'arr') this.assignTo(target.expr, arr(join(ct.elem, t)), ctx);
        else if (ct?.k === 'map') this.assignTo(target.expr, { k: 'map', key: ct.key, value: join(ct.value, t) }, ctx);
        return;
      }
      case 'Field': {
        const ct = ctx.inst.types.get(target.expr);
        if (ct?.k === 'map') this.assignTo(target.expr, { k: 'map', key: ct.key, value: join(ct.value, t) }, ctx);
        return;
      }
      default: return;
    }
  }

  private fieldTy(e: Extract<Expr, { kind: 'Field' }>, ctx: Ctx): Ty {
    const t = this.inferExpr(e.expr, ctx);
    if (t.k === 'never') return NEVER;
    if (t.k === 'struct') {
      const sd = this.decls.structs.get(t.name)!;
      const fd = sd.fields.find(f => f.name === e.name);
      if (!fd) { this.error('type', `no field \`${e.name}\` on type ${t.name}`, e.nameSpan); return DYN; }
      return tyOf(fd.type, this.decls, new Set(sd.typeParams.map(p => p.name)));
    }
    if (t.k === 'map') return t.value.k === 'never' ? DYN : t.value;
    if (t.k === 'dyn' || t.k === 'enum') return DYN;
    this.error('type', `no field \`${e.name}\` on type ${showTy(t)}`, e.nameSpan);
    return DYN;
  }

  private structLitTy(e: Extract<Expr, { kind: 'StructLit' }>, ctx: Ctx): Ty {
    for (const f of e.fields) this.inferExpr(f.value, ctx);
    if (e.base) this.inferExpr(e.base, ctx);
    const name = e.path[e.path.length - 1];
    if (e.path.length === 1 || (e.path.length === 1 && name === 'Self')) {
      const sname = name === 'Self' && ctx.selfTy?.k === 'struct' ? ctx.selfTy.name : name;
      const sd = this.decls.structs.get(sname);
      if (!sd) { this.error('name', `struct \`${sname}\` is not defined`, e.span); return DYN; }
      const tps = new Set(sd.typeParams.map(p => p.name));
      for (const f of e.fields) {
        const fd = sd.fields.find(x => x.name === f.name);
        if (!fd) this.error('type', `struct ${sname} has no field named \`${f.name}\``, f.span);
        else this.checkAssignable(tyOf(fd.type, this.decls, tps), ctx.inst.types.get(f.value)!, f.value.span, 'field');
      }
      if (!e.base) {
        const missing = sd.fields.filter(fd => !fd.default && !e.fields.some(f => f.name === fd.name));
        if (missing.length) this.error('type', `missing field${missing.length > 1 ? 's' : ''} ${missing.map(m => `\`${m.name}\``).join(', ')} in initializer of struct ${sname}`, e.span);
      }
      return { k: 'struct', name: sname };
    }
    // enum struct-like variant
    const vd = this.findVariant(e.path);
    if (!vd) { this.error('name', `no variant \`${e.path.join('::')}\``, e.span); return DYN; }
    for (const f of e.fields) if (!vd.fields.some(x => x.name === f.name)) this.error('type', `variant ${e.path.join('::')} has no field named \`${f.name}\``, f.span);
    const ename = e.path.length >= 2 ? e.path[e.path.length - 2] : this.decls.variantOwner.get(name)!;
    return { k: 'enum', name: ename };
  }

  private closureTy(e: Extract<Expr, { kind: 'Closure' }>, ctx: Ctx): Ty {
    let ci = ctx.inst.closureInsts.get(e);
    if (!ci) {
      ci = this.newInstance(`${ctx.inst.name}.closure${ctx.inst.closureInsts.size}`, 'closure');
      ci.closure = e;
      ci.params = e.params.map((p, i) => {
        const v = this.newVar(p.pattern.kind === 'PBind' ? p.pattern.name : `arg${i}`, true);
        v.ty = DYN;
        return v;
      });
      ci.ret = DYN;
      ctx.inst.closureInsts.set(e, ci);
    }
    // closure bodies are walked in place, with their own side tables, sharing the scope chain
    ci.types = new Map(); ci.refs = new Map(); ci.calls = new Map();
    const inner: Ctx = { inst: ci, scope: new Scope(ctx.scope, ci), loops: [], retTy: NEVER, selfTy: ctx.selfTy };
    e.params.forEach((p, i) => {
      const v = ci!.params[i];
      if (p.pattern.kind === 'PBind') { inner.scope.define(v); ci!.binds.set(p.pattern, v); }
      else this.bindPattern(p.pattern, DYN, inner, false);
    });
    this.inferExpr(e.body, inner);
    return FN;
  }

  // ------------------------------------------------------------------ calls
  private argTys(args: Expr[], ctx: Ctx): Ty[] {
    return args.map(a => this.inferExpr(a, ctx));
  }

  private checkArity(name: string, want: number, got: number, span: Span): void {
    if (want !== got) this.error('type', `function \`${name}\` takes ${want} argument${want === 1 ? '' : 's'} but ${got} argument${got === 1 ? ' was' : 's were'} supplied`, span);
  }

  private callTy(e: Extract<Expr, { kind: 'Call' }>, ctx: Ctx): Ty {
    const set = (t: CallTarget) => ctx.inst.calls.set(e, t);
    const c = e.callee;
    if (c.kind === 'Ident') {
      const v = ctx.scope.lookup(c.name) ?? (ctx.inst.kind !== 'script' ? this.globalByName.get(c.name) : undefined);
      if (v) {
        ctx.inst.refs.set(c, v);
        const vt = v.captured ? DYN : v.ty;
        ctx.inst.types.set(c, vt);
        this.argTys(e.args, ctx);
        if (vt.k !== 'fn' && vt.k !== 'dyn' && vt.k !== 'never') this.error('type', `cannot call a value of type ${showTy(vt)}: \`${c.name}\` is not a function`, e.span);
        set({ k: 'closure' });
        return DYN;
      }
      const f = this.decls.funs.get(c.name);
      if (f) {
        const args = this.argTys(e.args, ctx);
        this.checkArity(c.name, f.params.length, e.args.length, e.span);
        const inst = this.instanceFor(f, args, undefined);
        this.checkArgs(inst, args, e.args);
        set({ k: 'fun', inst });
        return inst.ret;
      }
      const overloads = this.methods.functions[c.name];
      const plan = PRINTS.has(c.name) || c.name === 'format' ? formatPlan(e.args, c.name === 'format', e.span) : null;
      if (plan) {
        this.inferFormat(plan, ctx);
        set({ k: 'builtin', name: c.name });
        return c.name === 'format' ? STR : c.name === 'panic' ? NEVER : NIL;
      }
      if (c.name in BUILTINS || overloads?.length) {
        const args = this.argTys(e.args, ctx);
        // builtins listed here, or else the runtime's function table (system builtins: files, env, ...)
        const counts = overloads?.map(o => o.params.length) ?? [];
        const [lo, hi] = BUILTINS[c.name] ?? [Math.min(...counts), Math.max(...counts)];
        if (args.length < lo || args.length > hi) this.error('type', `function \`${c.name}\` takes ${lo === hi ? lo : `${lo} to ${hi}`} argument${hi === 1 ? '' : 's'} but ${args.length} ${args.length === 1 ? 'was' : 'were'} supplied`, e.span);
        set({ k: 'builtin', name: c.name });
        return this.builtinTy(c.name, args, e, ctx);
      }
      const owner = this.decls.variantOwner.get(c.name);
      if (owner) {
        this.argTys(e.args, ctx);
        set({ k: 'variant', enumName: owner, variant: c.name });
        return { k: 'enum', name: owner };
      }
      this.argTys(e.args, ctx);
      this.error('name', `function \`${c.name}\` is not defined`, c.span);
      return DYN;
    }
    if (c.kind === 'Path' && c.path.length === 2) {
      const [tn, mn] = c.path;
      const args = this.argTys(e.args, ctx);
      if (this.decls.enums.has(tn)) {
        const vd = this.decls.enums.get(tn)!.variants.find(v => v.name === mn);
        if (vd) {
          if (vd.fields.length !== args.length) this.error('type', `variant ${tn}::${mn} takes ${vd.fields.length} field(s) but ${args.length} were supplied`, e.span);
          set({ k: 'variant', enumName: tn, variant: mn });
          return { k: 'enum', name: tn };
        }
      }
      const selfName = tn === 'Self' && ctx.selfTy && (ctx.selfTy.k === 'struct' || ctx.selfTy.k === 'enum') ? ctx.selfTy.name : tn;
      const m = this.decls.methods.get(selfName)?.get(mn);
      if (m) {
        this.checkArity(`${selfName}::${mn}`, m.params.length + (m.self ? 1 : 0), args.length, e.span);
        const st: Ty = this.decls.structs.has(selfName) ? { k: 'struct', name: selfName } : { k: 'enum', name: selfName };
        const inst = m.self
          ? this.instanceFor(m, args.slice(1), st, selfName)
          : this.instanceFor(m, args, st, selfName);
        set({ k: 'fun', inst });
        return inst.ret;
      }
      if ((tn === 'HashMap' || tn === 'BTreeMap') && mn === 'new') { set({ k: 'builtin', name: 'HashMap::new' }); return { k: 'map', key: NEVER, value: NEVER }; }
      if ((tn === 'Box' || tn === 'Rc' || tn === 'RefCell') && mn === 'new' && args.length === 1) { set({ k: 'builtin', name: 'Box::new' }); return args[0]; }
      if ((tn === 'Vec' || tn === 'String') && mn === 'new') { set({ k: 'builtin', name: `${tn}::new` }); return tn === 'Vec' ? arr(NEVER) : STR; }
      if (tn === 'String' && mn === 'from' && args.length === 1) { set({ k: 'builtin', name: 'String::from' }); return STR; }
      this.error('name', `\`${tn}::${mn}\` is not defined`, c.span);
      return DYN;
    }
    // calling the result of an expression: a function value
    const ft = this.inferExpr(c, ctx);
    this.argTys(e.args, ctx);
    if (ft.k !== 'fn' && ft.k !== 'dyn' && ft.k !== 'never') this.error('type', `cannot call a value of type ${showTy(ft)}`, e.span);
    set({ k: 'closure' });
    return DYN;
  }

  private checkArgs(inst: Instance, args: Ty[], exprs: Expr[]): void {
    const decl = inst.decl!;
    const tps = this.decls.typeParams.get(decl);
    decl.params.forEach((p, i) => {
      if (!p.type || i >= args.length) return;
      if (p.type.kind === 'TName' && tps?.has(p.type.name)) return;
      const want = tyOf(p.type, this.decls, tps);
      this.checkAssignable(want, args[i], exprs[i].span, 'arg');
    });
  }

  private builtinTy(name: string, args: Ty[], e: Extract<Expr, { kind: 'Call' }>, _ctx: Ctx): Ty {
    const a0 = args[0] ?? NIL;
    switch (name) {
      case 'println': case 'print': case 'eprintln': case 'eprint': case 'assert': case 'assert_eq': return NIL;
      case 'panic': return NEVER;
      case 'len': return INT;
      case 'range': return arr(INT);
      case 'abs': return a0.k === 'int' || a0.k === 'float' ? a0 : DYN;
      case 'min': case 'max': {
        const [x, y] = args;
        if (x?.k === 'int' && y?.k === 'int') return INT;
        if ((x?.k === 'int' || x?.k === 'float') && (y?.k === 'int' || y?.k === 'float')) return FLOAT;
        return DYN;
      }
      case 'pow': return args[0]?.k === 'int' && args[1]?.k === 'int' ? INT : FLOAT;
      case 'sqrt': return FLOAT;
      case 'floor': case 'ceil': case 'round': return INT;
      case 'str': case 'to_string': case 'format': case 'type_of': return STR;
      case 'int': case 'parse_int': return INT;
      case 'float': case 'parse_float': return FLOAT;
      case 'bool': return BOOL;
      case 'Some': return option(a0);
      case 'Ok': return result(a0, NEVER);
      case 'Err': return result(NEVER, a0);
      // free-function forms of array methods: a new array (a string for reverse of a string)
      case 'reverse': return a0.k === 'str' ? STR : a0.k === 'arr' ? a0 : DYN;
      case 'sort': return a0.k === 'arr' ? a0 : DYN;
      case 'enumerate': case 'zip': return args.every(x => x.k === 'arr') ? arr(DYN) : DYN;
    }
    const ov = this.methods.functions[name]?.find(o => o.params.length === args.length);
    if (ov) return parseTyWord(ov.ret, DYN);
    return DYN;
  }

  private macroTy(e: Extract<Expr, { kind: 'Macro' }>, ctx: Ctx): Ty {
    const plan = PRINTS.has(e.name) || e.name === 'format' ? formatPlan(e.args, e.name === 'format', e.span) : null;
    if (plan) {
      this.inferFormat(plan, ctx);
      return e.name === 'format' ? STR : e.name === 'panic' ? NEVER : NIL;
    }
    // assertions and unreachable!/todo!/unimplemented!: the leading operands, then a message
    const operands = { assert: 1, debug_assert: 1, assert_eq: 2, assert_ne: 2, unreachable: 0, todo: 0, unimplemented: 0 }[e.name];
    if (operands !== undefined && e.args.length > operands) {
      this.argTys(e.args.slice(0, operands), ctx);
      const msg = formatPlan(e.args.slice(operands), false, e.span);
      if (msg) this.inferFormat(msg, ctx);
      else this.argTys(e.args.slice(operands), ctx);
      return operands ? NIL : NEVER;
    }
    const args = this.argTys(e.args, ctx);
    switch (e.name) {
      case 'panic': case 'unreachable': case 'todo': case 'unimplemented': return NEVER;
      case 'vec': {
        let el: Ty = NEVER;
        for (const a of args) el = join(el, a);
        return arr(el);
      }
      case 'format': return STR;
      case 'println': case 'print': case 'eprintln': case 'eprint': case 'assert': case 'assert_eq': case 'assert_ne': case 'debug_assert': return NIL;
      default:
        this.error('name', `unknown macro \`${e.name}!\``, e.span);
        return DYN;
    }
  }

  /** A format string's errors, its arguments' types, and its specs checked against them. */
  private inferFormat(plan: FmtPlan, ctx: Ctx): void {
    for (const d of plan.errors) this.error(d.kind, d.message, d.span);
    const tys = plan.args.map(a => this.inferExpr(a, ctx));
    for (const p of plan.pieces) {
      if (p.arg === undefined || !p.spec) continue;
      const bad = specTypeError(p.spec, tys[p.arg]);
      if (bad) this.error('type', bad, p.specSpan!);
      for (const c of [p.width, p.prec]) {
        const badCount = c === undefined ? null : countTypeError(tys[c]);
        if (badCount) this.error('type', badCount, p.specSpan!);
      }
    }
  }

  private methodTy(e: Extract<Expr, { kind: 'MethodCall' }>, ctx: Ctx): Ty {
    const rt = this.inferExpr(e.receiver, ctx);
    const set = (t: CallTarget) => ctx.inst.calls.set(e, t);
    // closures passed to intrinsic methods are inferred like any other argument
    const args = this.argTys(e.args, ctx);
    if (rt.k === 'never') return NEVER;
    const name = e.method;
    // user-defined methods on structs / enums
    if (rt.k === 'struct' || rt.k === 'enum') {
      const m = this.decls.methods.get(rt.name)?.get(name);
      if (m) {
        if (!m.self) this.error('type', `\`${name}\` is an associated function of ${rt.name}, not a method; call it as ${rt.name}::${name}(...)`, e.methodSpan);
        this.checkArity(name, m.params.length, args.length, e.span);
        const inst = this.instanceFor(m, args, rt, rt.name);
        this.checkArgs(inst, args, e.args);
        set({ k: 'fun', inst });
        if (m.self?.mutable) this.assignTo(e.receiver, rt, ctx);
        return inst.ret;
      }
      if (name === 'clone' || name === 'to_string') { set({ k: 'intrinsic', name }); return name === 'clone' ? rt : STR; }
      this.error('type', `no method named \`${name}\` found for ${rt.k} ${rt.name}`, e.methodSpan);
      return DYN;
    }
    if (rt.k === 'dyn') {
      // a user method on a value whose type varies: dispatch on the runtime type
      const targets: { typeName: string; inst: Instance }[] = [];
      for (const [tn, table] of this.decls.methods) {
        const m = table.get(name);
        if (m?.self && m.params.length === args.length) {
          const st: Ty = this.decls.structs.has(tn) ? { k: 'struct', name: tn } : { k: 'enum', name: tn };
          targets.push({ typeName: tn, inst: this.instanceFor(m, args.map(() => DYN), st, tn) });
        }
      }
      if (targets.length) {
        set({ k: 'dispatch', method: name, targets });
        let t: Ty = NEVER;
        for (const x of targets) t = join(t, x.inst.ret);
        return t.k === 'never' ? DYN : join(t, DYN);
      }
    }
    if (INTRINSIC_METHODS.has(name)) {
      const [lo, hi] = INTRINSIC_ARITY[name] ?? [1, 1];
      if (args.length < lo || args.length > hi) {
        const want = lo === hi ? `${lo} argument${lo === 1 ? '' : 's'}` : `${lo} or ${hi} arguments`;
        this.error('type', `method \`${name}\` takes ${want} but ${args.length} ${args.length === 1 ? 'was' : 'were'} supplied`, e.span);
        return DYN;
      }
      const t = this.intrinsicTy(name, rt, args, e, ctx);
      if (t) { set({ k: 'intrinsic', name }); return t; }
    }
    const m = findMethod(this.methods, rt, name);
    if (m && (rt.k === 'dyn' || hasOwnMethod(this.methods, rt, name))) {
      if (m.params.length !== args.length) this.error('type', `method \`${name}\` takes ${m.params.length} argument${m.params.length === 1 ? '' : 's'} but ${args.length} ${args.length === 1 ? 'was' : 'were'} supplied`, e.span);
      set({ k: 'rt', method: m });
      if (m.consumes) this.assignTo(e.receiver, rt, ctx);
      return parseTyWord(m.ret, rt);
    }
    this.error('type', `no method named \`${name}\` found for type ${showTy(rt)}`, e.methodSpan);
    return DYN;
  }

  /** Types of the methods the compiler expands itself; undefined when not applicable to rt. */
  private intrinsicTy(name: string, rt: Ty, args: Ty[], e: Extract<Expr, { kind: 'MethodCall' }>, ctx: Ctx): Ty | undefined {
    const isArr = rt.k === 'arr' || rt.k === 'dyn';
    switch (name) {
      case 'map':
        if (rt.k === 'option') return option(DYN);
        if (rt.k === 'result') return result(DYN, rt.err);
        // a dyn receiver may be an Option / Result as well as an iterable
        if (rt.k === 'dyn') return DYN;
        return isArr || rt.k === 'range' ? arr(DYN) : undefined;
      case 'filter': return isArr ? (rt.k === 'arr' ? rt : arr(DYN)) : rt.k === 'range' ? arr(INT) : undefined;
      case 'flat_map': return isArr ? arr(DYN) : undefined;
      case 'reduce': case 'fold': return isArr ? DYN : undefined;
      case 'any': case 'all': return isArr || rt.k === 'range' ? BOOL : undefined;
      case 'find': return isArr ? DYN : undefined;
      case 'position': return isArr ? option(INT) : undefined;
      case 'each': case 'for_each': return isArr || rt.k === 'range' || rt.k === 'map' ? NIL : undefined;
      case 'sort_by': return isArr ? rt : undefined;
      case 'collect': return rt.k === 'range' ? undefined : rt; // a range collects into an array (the runtime's method)
      case 'iter': case 'into_iter': case 'clone': return rt;
      case 'to_string': return STR;
      case 'push': case 'append':
        if (rt.k === 'arr') { this.assignTo(e.receiver, arr(join(rt.elem, args[0] ?? DYN)), ctx); return NIL; }
        if (rt.k === 'dyn') return NIL;
        return undefined;
      case 'extend':
        if (rt.k === 'arr') { this.assignTo(e.receiver, join(rt, args[0] ?? DYN), ctx); return NIL; }
        return rt.k === 'dyn' ? NIL : undefined;
      case 'pop':
        if (this.optionPops.has(e) && (rt.k === 'arr' || rt.k === 'dyn')) return option(rt.k === 'arr' && rt.elem.k !== 'never' ? rt.elem : DYN);
        return rt.k === 'arr' || rt.k === 'dyn' ? DYN : undefined;
      case 'clear': return rt.k === 'arr' || rt.k === 'map' || rt.k === 'dyn' || rt.k === 'str' ? NIL : undefined;
      case 'insert':
        if (rt.k === 'map') {
          this.assignTo(e.receiver, { k: 'map', key: join(rt.key, args[0] ?? DYN), value: join(rt.value, args[1] ?? DYN) }, ctx);
          return NIL;
        }
        if (rt.k === 'arr') { this.assignTo(e.receiver, arr(join(rt.elem, args[1] ?? DYN)), ctx); return NIL; }
        return rt.k === 'dyn' ? NIL : undefined;
      case 'remove':
        if (rt.k === 'map') return option(rt.value.k === 'never' ? DYN : rt.value);
        if (rt.k === 'arr') return rt.elem.k === 'never' ? DYN : rt.elem;
        return rt.k === 'dyn' ? DYN : undefined;
      case 'unwrap': case 'expect':
        if (rt.k === 'option') return rt.inner.k === 'never' ? DYN : rt.inner;
        if (rt.k === 'result') return rt.ok.k === 'never' ? DYN : rt.ok;
        return rt.k === 'dyn' ? DYN : undefined;
      case 'unwrap_or': {
        const inner = rt.k === 'option' ? rt.inner : rt.k === 'result' ? rt.ok : rt.k === 'dyn' ? DYN : undefined;
        return inner === undefined ? undefined : join(inner, args[0] ?? DYN);
      }
      case 'unwrap_or_else': case 'unwrap_or_default':
        return rt.k === 'option' || rt.k === 'result' || rt.k === 'dyn' ? DYN : undefined;
      case 'is_some': case 'is_none': return rt.k === 'option' || rt.k === 'dyn' ? BOOL : undefined;
      case 'is_ok': case 'is_err': return rt.k === 'result' || rt.k === 'dyn' ? BOOL : undefined;
      case 'and_then': return rt.k === 'option' || rt.k === 'result' ? DYN : rt.k === 'dyn' ? DYN : undefined;
      case 'or': case 'or_else': return rt.k === 'option' || rt.k === 'result' ? join(rt, args[0] ?? DYN) : rt.k === 'dyn' ? DYN : undefined;
      case 'map_err': return rt.k === 'result' ? result(rt.ok, DYN) : rt.k === 'dyn' ? DYN : undefined;
      case 'ok': return rt.k === 'result' ? option(rt.ok) : undefined;
      case 'err': return rt.k === 'result' ? option(rt.err) : undefined;
    }
    return undefined;
  }
}

/** The binding nodes of a pattern. */
function pbinds(p: Pattern): Extract<Pattern, { kind: 'PBind' }>[] {
  switch (p.kind) {
    case 'PBind': return [p, ...(p.sub ? pbinds(p.sub) : [])];
    case 'PTuple': case 'PArray': return p.elems.flatMap(pbinds);
    case 'PVariant': return p.args.flatMap(pbinds);
    case 'PStruct': return p.fields.flatMap(f => pbinds(f.pat));
    case 'POr': return p.alts.flatMap(pbinds);
    default: return [];
  }
}

function litTy(v: LitValue): Ty {
  switch (v.kind) {
    case 'int': return INT;
    case 'float': return FLOAT;
    case 'str': case 'char': return STR;
    case 'bool': return BOOL;
    case 'nil': return NIL;
  }
}

function isNegativeLiteral(e: Expr): boolean {
  return e.kind === 'Unary' && e.op === '-' && e.expr.kind === 'Lit' && e.expr.value.kind === 'int';
}

function isDiverging(e: Expr): boolean {
  return e.kind === 'Return' || e.kind === 'Break' || e.kind === 'Continue' || (e.kind === 'Macro' && e.name === 'panic');
}
