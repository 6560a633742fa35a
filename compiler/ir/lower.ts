// Typed program -> IR. Every function instance becomes one IR function; the script's top-level
// statements become `__script`; `_start` (added at link time) calls `__entry`.
import type { TypedProgram, Instance, VarInfo } from '../types/program.ts';
import type { Ty } from '../types/types.ts';
import type { IR, IRFunc, IRModule, VT } from './ir.ts';
import { DataBuilder, builtinDescriptors, K, SK } from './data.ts';
import { FnBuilder } from './fnbuilder.ts';
import { vtOf, i32, call, isRef, slotTy, slotKind } from './values.ts';
import { tyOf } from '../types/decls.ts';
import { ExprLowerer } from './lower-expr.ts';
import { arithHelpers } from './arith.ts';
import { DYN } from '../types/types.ts';
import { exportWrapper, interfaceJson } from './exports.ts';

export { Unsupported } from './fnbuilder.ts';

/** Module-wide lowering state shared by the functions being lowered. */
export class ModuleCtx {
  readonly data = new DataBuilder();
  readonly funcs: IRFunc[] = [];
  readonly table: string[] = [];
  readonly globals = new Map<VarInfo, string>();
  readonly fnValueWrappers = new Map<Instance, string>();
  readonly enumTypeIds = new Map<string, number>();
  readonly structTypeIds = new Map<string, number>();
  /** per struct/class: the slot type of each field (int/float/bool unboxed, else dyn) */
  readonly structSlotTys = new Map<string, Ty[]>();
  readonly tupleTypeIds = new Map<number, number>();
  readonly unitObjects = new Map<number, number>();
  readonly runtimeCalls = new Map<string, { params: VT[]; result: VT }>();
  readonly lowered = new Set<string>();
  readonly pending: Instance[] = [];
  fileName = 0;

  constructor(readonly typed: TypedProgram) {
    builtinDescriptors(this.data);
    let enumId = 2;
    for (const [name, ed] of typed.decls.enums) {
      const id = enumId++;
      ed.variants.forEach((v, i) => {
        const tid = this.data.typeId({
          kind: K.ENUM, name, variant: v.name, variantIndex: i, enumId: id,
          fields: v.fields.map(f => ({ name: v.shape === 'struct' ? f.name : null, slotKind: SK.REF })),
          shape: v.shape === 'unit' ? 0 : v.shape === 'tuple' ? 1 : 2,
        });
        this.enumTypeIds.set(`${name}::${v.name}`, tid);
      });
    }
    for (const [name, sd] of typed.decls.structs) {
      const params = new Set(sd.typeParams.map(p => p.name));
      const slots = sd.fields.map(f => slotTy(tyOf(f.type, typed.decls, params)));
      this.structSlotTys.set(name, slots);
      const tid = this.data.typeId({
        kind: sd.flavor === 'class' ? K.CLASS : K.STRUCT, name, variant: null, variantIndex: 0, enumId: enumId++,
        fields: sd.fields.map((f, i) => ({ name: f.name, slotKind: slotKind(slots[i]) })), shape: 2,
      });
      this.structTypeIds.set(name, tid);
    }
  }

  tupleTypeId(n: number): number {
    let id = this.tupleTypeIds.get(n);
    if (id === undefined) {
      id = this.data.typeId({ kind: K.TUPLE, name: null, variant: null, variantIndex: 0, enumId: -1, fields: Array.from({ length: n }, () => ({ name: null, slotKind: SK.REF })), shape: 1 });
      this.tupleTypeIds.set(n, id);
    }
    return id;
  }

  /** The immortal object of a unit variant (or None). */
  unitObject(typeId: number, kind: number = K.ENUM): IR {
    let id = this.unitObjects.get(typeId);
    if (id === undefined) {
      id = this.data.unitObject(kind, typeId);
      this.unitObjects.set(typeId, id);
    }
    return { op: 'data', id };
  }

  globalName(v: VarInfo): string {
    let g = this.globals.get(v);
    if (!g) { g = `g_${v.name}_${v.id}`; this.globals.set(v, g); }
    return g;
  }

  rt(fn: string, params: VT[], result: VT): void {
    if (!this.runtimeCalls.has(fn)) this.runtimeCalls.set(fn, { params, result });
  }

  need(inst: Instance): string {
    if (!this.lowered.has(inst.name)) { this.lowered.add(inst.name); this.pending.push(inst); }
    return inst.name;
  }

  tableIndex(fn: string): void {
    if (!this.table.includes(fn)) this.table.push(fn);
  }
}

export interface LowerOptions {
  /** node/browser/worker: export the program's functions instead of a `_start` command */
  library?: boolean;
}

export function lower(typed: TypedProgram, opts: LowerOptions = {}): IRModule {
  const m = new ModuleCtx(typed);
  m.fileName = m.data.str(typed.program.file.split('/').pop() ?? typed.program.file);
  m.funcs.push(...arithHelpers());
  m.need(typed.script);
  while (m.pending.length) {
    const inst = m.pending.shift()!;
    m.funcs.push(lowerInstance(m, inst));
  }
  // __entry: the script, then main if the script did not call it
  const body: IR[] = [call(typed.script.name, [], 'none')];
  if (typed.runMainAfter) {
    const name = m.need(typed.runMainAfter);
    while (m.pending.length) m.funcs.push(lowerInstance(m, m.pending.shift()!));
    const r = vtOf(typed.runMainAfter.ret);
    body.push(r === 'none' ? call(name, [], 'none') : { op: 'drop', value: call(name, [], r) });
  }
  m.funcs.push({ name: '__entry', params: [], result: 'none', locals: [], body: { op: 'block', body, vt: 'none' }, line: 1 });
  const exports = typed.exports.map(e => {
    m.need(e.inst);
    const w = exportWrapper(e);
    m.funcs.push(w);
    return { name: e.name, fn: w.name };
  });
  while (m.pending.length) m.funcs.push(lowerInstance(m, m.pending.shift()!));
  const library = opts.library ?? false;
  const iface = library ? interfaceJson(typed.exports, m.data.descriptors) : null;
  const typesTable = m.data.finishDescriptors();
  const globals = [...m.globals.entries()].map(([v, name]) => ({ name, vt: vtOf(varTy(v)) === 'none' ? 'i32' as VT : vtOf(varTy(v)) }));
  return {
    funcs: m.funcs, globals, data: m.data.objs, typesTable, fileName: m.fileName, table: m.table,
    entry: '__entry', runtimeCalls: m.runtimeCalls, library, exports, interface: iface,
  };
}

/** Releases of the references the function's variables own. */
function releases(fb: FnBuilder): IR[] {
  return [...fb.ownedVarLocals(v => isRef(varTy(v))), ...fb.heldLocals].map(l => call('rt_release', [{ op: 'get', local: l, vt: 'i32' }], 'none'));
}

/** The representation type of a variable: captured variables hold boxed values in cells. */
export function varTy(v: VarInfo): Ty {
  return v.captured ? DYN : v.ty;
}

function lowerInstance(m: ModuleCtx, inst: Instance): IRFunc {
  const fb = new FnBuilder(inst, inst.name);
  const ex = new ExprLowerer(m, fb);
  if (inst.kind === 'closure') {
    fb.envLocal = fb.local('env', 'i32');
    const params: VT[] = ['i32'];
    const prologue: IR[] = [];
    const locals = inst.params.map(p => { params.push('i32'); return fb.local(p.name, 'i32'); });
    inst.params.forEach((p, i) => prologue.push(...ex.bindParam(p, { op: 'get', local: locals[i], vt: 'i32' }, DYN)));
    const c = inst.closure!;
    const exit: Extract<IR, { op: 'block' }> = { op: 'block', body: [], vt: 'none' };
    fb.retExit = exit;
    const body = ex.expr(c.body);
    const bodyTy = inst.types.get(c.body) ?? DYN;
    const ret = ex.ownedValue(ex.coerceTo(body, bodyTy, DYN, c.span.line), DYN);
    const r = fb.local('result', 'i32');
    exit.body.push(...releases(fb));
    return fb.finish(params, 'i32', { op: 'block', body: [...prologue, { op: 'set', local: r, value: ret }, exit, { op: 'return', value: { op: 'get', local: r, vt: 'i32' } }], vt: 'none' }, c.span.line);
  }
  if (inst.kind === 'script') {
    const body = ex.stmts(inst, m.typed.program.body);
    return fb.finish([], 'none', body, 1);
  }
  const decl = inst.decl!;
  const params: VT[] = [];
  const prologue: IR[] = [];
  // the wasm parameters are the first locals: declare them all before binding any variable
  const bound: { v: VarInfo; local: number; vt: VT; ty: Ty }[] = [];
  if (inst.selfVar) {
    const vt = vtOf(inst.selfVar.ty) === 'none' ? 'i32' : vtOf(inst.selfVar.ty);
    bound.push({ v: inst.selfVar, local: fb.local('self', vt), vt, ty: inst.selfVar.ty });
    params.push(vt);
  }
  for (const p of inst.params) {
    const vt = vtOf(p.ty) === 'none' ? 'i32' : vtOf(p.ty);
    bound.push({ v: p, local: fb.local(p.name, vt), vt, ty: p.ty });
    params.push(vt);
  }
  for (const b of bound) prologue.push(...ex.bindParam(b.v, { op: 'get', local: b.local, vt: b.vt }, b.ty));
  decl.params.forEach((p, i) => {
    if (p.pattern.kind !== 'PBind') prologue.push(ex.bindPatternIR(p.pattern, { op: 'get', local: i + (inst.selfVar ? 1 : 0), vt: params[i + (inst.selfVar ? 1 : 0)] }, inst.params[i].ty));
  });
  const result = vtOf(inst.ret);
  const depth: IR[] = [call('__enter', [i32(decl.span.line)], 'none')];
  // every exit (the end and each `return`) leaves the depth guard and releases the variables
  const exit: Extract<IR, { op: 'block' }> = { op: 'block', body: [call('__leave', [], 'none')], vt: 'none' };
  fb.retExit = exit;
  const body = decl.body ? ex.block(decl.body) : { op: 'nop' } as IR;
  const bodyTy = decl.body ? (decl.body.tail ? inst.types.get(decl.body.tail) ?? DYN : ex.blockTy(decl.body)) : DYN;
  const value = ex.ownedValue(ex.coerceTo(body, bodyTy, inst.ret, decl.span.line), inst.ret);
  exit.body.push(...releases(fb));
  let fnBody: IR;
  if (result === 'none') {
    fnBody = { op: 'block', body: [...depth, ...prologue, value, exit], vt: 'none' };
  } else {
    const r = fb.local('result', result);
    fnBody = { op: 'block', body: [...depth, ...prologue, { op: 'set', local: r, value }, exit, { op: 'get', local: r, vt: result }], vt: result };
  }
  return fb.finish(params, result, fnBody, decl.span.line);
}


