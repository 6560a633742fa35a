// IR -> Binaryen. The program's functions are added to a copy of the precompiled runtime module,
// so calls to runtime exports become direct calls that Binaryen can inline.
import binaryen from 'binaryen';
import type { IR, IRModule, VT } from '../ir/ir.ts';
import { loadRuntime, withProgramData, type RuntimeImage } from '../link/runtime.ts';
import { DebugInfo } from './debuginfo.ts';

export interface CodegenResult {
  module: binaryen.Module;
  /** address where the program's static data starts / ends (heap begins after it) */
  heapBase: number;
}

const T = (vt: VT): binaryen.Type =>
  vt === 'i32' ? binaryen.i32 : vt === 'i64' ? binaryen.i64 : vt === 'f64' ? binaryen.f64 : binaryen.none;

/** debug: record Ruchy lines for a source map (debuginfo.ts), with the source file's name */
export function codegen(ir: IRModule, runtime: RuntimeImage = loadRuntime(), debug?: { file: string }): CodegenResult {
  // ---- static data, placed after the runtime's own data
  const addr = new Map<number, number>();
  let at = (runtime.dataEnd + 15) & ~15;
  for (const d of ir.data) {
    at = (at + d.align - 1) & ~(d.align - 1);
    addr.set(d.id, at);
    at += d.bytes.length;
  }
  const heapBase = (at + 15) & ~15;
  const image = new Uint8Array(at - ((runtime.dataEnd + 15) & ~15));
  const base = (runtime.dataEnd + 15) & ~15;
  for (const d of ir.data) {
    const a = addr.get(d.id)!;
    image.set(d.bytes, a - base);
    const view = new DataView(image.buffer);
    for (const r of d.relocs) view.setInt32(a - base + r.offset, addr.get(r.target)!, true);
  }

  const pages = Math.ceil((heapBase + 65536) / 65536);
  const mod = binaryen.readBinary(withProgramData(runtime.wasm, base, image, pages));
  const F = binaryen.Features as unknown as Record<string, number>;
  mod.setFeatures(F.MVP | F.BulkMemory | (F.BulkMemoryOpt ?? 0) | F.SIMD128 | F.SignExt | F.NontrappingFPToInt | F.MutableGlobals);
  const exportsByName = runtime.exports;

  // ---- globals
  mod.addGlobal('__depth', binaryen.i32, true, mod.i32.const(0));
  for (const g of ir.globals) {
    const init = g.vt === 'i64' ? (mod.i64.const as unknown as (v: bigint) => binaryen.ExpressionRef)(0n) : g.vt === 'f64' ? mod.f64.const(0) : mod.i32.const(0);
    mod.addGlobal(g.name, T(g.vt), true, init);
  }

  // ---- functions
  const fnNames = new Set(ir.funcs.map(f => f.name));
  const tableIndex = new Map(ir.table.map((n, i) => [n, i] as const));
  const callee = (name: string): string => {
    if (fnNames.has(name)) return name;
    const internal = exportsByName.get(name);
    if (!internal) throw new Error(`runtime function ${name} is missing from runtime.wasm`);
    return internal;
  };

  const dbg = debug ? new DebugInfo(mod, debug.file, runtime) : undefined;
  const emit = (e: IR): binaryen.ExpressionRef => (dbg ? dbg.emit(e, () => emitNode(e)) : emitNode(e));
  const emitNode = (e: IR): binaryen.ExpressionRef => {
    switch (e.op) {
      case 'const':
        if (e.vt === 'i32') return mod.i32.const(Number(e.value));
        if (e.vt === 'f64') return mod.f64.const(Number(e.value));
        {
          // binaryen >= 123 takes the 64-bit value as one BigInt
          return (mod.i64.const as unknown as (v: bigint) => binaryen.ExpressionRef)(BigInt.asIntN(64, BigInt(e.value)));
        }
      case 'get': return mod.local.get(e.local, T(e.vt));
      case 'set': return mod.local.set(e.local, emit(e.value));
      case 'tee': return mod.local.tee(e.local, emit(e.value), T(e.vt));
      case 'gget': return mod.global.get(e.name, T(e.vt));
      case 'gset': return mod.global.set(e.name, emit(e.value));
      case 'call': return mod.call(callee(e.fn), e.args.map(emit), T(e.vt));
      case 'calli': return mod.call_indirect('0', emit(e.index), e.args.map(emit), binaryen.createType(e.params.map(T)), T(e.vt));
      case 'bin': return binop(mod, e.w)(emit(e.a), emit(e.b));
      case 'un': return unop(mod, e.w)(emit(e.a));
      case 'load': return load(mod, e.w, e.offset, emit(e.ptr));
      case 'store': return store(mod, e.w, e.offset, emit(e.ptr), emit(e.value));
      case 'block': return mod.block(e.label ?? null, e.body.map(emit), T(e.vt));
      case 'loop': return mod.loop(e.label, emit(e.body));
      case 'if': return mod.if(emit(e.cond), emit(e.then), e.else ? emit(e.else) : undefined);
      case 'br': return mod.br(e.label, e.cond ? emit(e.cond) : undefined, e.value ? emit(e.value) : undefined);
      case 'return': return mod.return(e.value ? emit(e.value) : undefined);
      case 'drop': return mod.drop(emit(e.value));
      case 'unreachable': return mod.unreachable();
      case 'nop': return mod.nop();
      case 'data': return mod.i32.const(addr.get(e.id)!);
      case 'fnidx': return mod.i32.const(tableIndex.get(e.fn)!);
    }
  };

  for (const f of ir.funcs) {
    const params = binaryen.createType(f.params.map(T));
    const vars = f.locals.slice(f.params.length).map(l => T(l.vt));
    const body = emit(f.body);
    const fn = mod.addFunction(f.name, params, T(f.result), vars, body);
    dbg?.finish(fn, f, body);
  }

  // ---- closure table
  if (ir.table.length) {
    mod.addTable('0', ir.table.length, ir.table.length);
    mod.addActiveElementSegment('0', 'closures', ir.table, mod.i32.const(0));
  }

  // ---- _start (command) / _initialize (library): initialise the runtime, run the program, flush
  const start = ir.library ? '_initialize' : '_start';
  mod.addFunction(start, binaryen.none, binaryen.none, [], mod.block(null, [
    mod.call(callee('rt_init'), [mod.i32.const(heapBase), mod.i32.const(addr.get(ir.typesTable)!), mod.i32.const(addr.get(ir.fileName)!)], binaryen.none),
    mod.call(ir.entry, [], binaryen.none),
    mod.call(callee('rt_flush'), [], binaryen.none),
  ]));

  // ---- exports: _start and memory; library targets also the program's functions and the host API
  for (const name of runtime.exportNames) {
    if (ir.library && (name.startsWith('rt_host_') || HOST_KEPT.has(name))) continue;
    mod.removeExport(name);
  }
  mod.addFunctionExport(start, start);
  for (const e of ir.exports) mod.addFunctionExport(e.fn, e.name);
  mod.addMemoryExport(runtime.memoryName, 'memory');
  if (ir.interface !== null) mod.addCustomSection('ruchyc.interface', new TextEncoder().encode(ir.interface));
  return { module: mod, heapBase };
}

/** runtime exports a library module keeps besides `rt_host_*` */
const HOST_KEPT = new Set(['rt_retain', 'rt_release', 'rt_flush']);

type Bin = (a: binaryen.ExpressionRef, b: binaryen.ExpressionRef) => binaryen.ExpressionRef;
type Un = (a: binaryen.ExpressionRef) => binaryen.ExpressionRef;

/** IR spells ops as in the wasm text format; binaryen.js groups some of them differently. */
const ALIASES: Record<string, string> = {
  'i64.extend_i32_s': 'i64.extend_s', 'i64.extend_i32_u': 'i64.extend_u',
  'f64.convert_i64_s': 'f64.convert_s.i64', 'i64.trunc_sat_f64_s': 'i64.trunc_s_sat.f64',
  'i32.wrap_i64': 'i32.wrap',
};

function op(mod: binaryen.Module, w: string): unknown {
  const parts = (ALIASES[w] ?? w).split('.');
  if (parts.length === 3) {
    const ns = (mod as unknown as Record<string, Record<string, Record<string, unknown>>>)[parts[0]]?.[parts[1]];
    const f = ns?.[parts[2]];
    if (typeof f !== 'function') throw new Error(`unknown wasm op ${w}`);
    return (f as (...a: unknown[]) => unknown).bind(ns);
  }
  const [ty, name] = parts;
  const ns = (mod as unknown as Record<string, Record<string, unknown>>)[ty];
  const f = ns?.[name];
  if (typeof f !== 'function') throw new Error(`unknown wasm op ${w}`);
  return (f as (...a: unknown[]) => unknown).bind(ns);
}
const binop = (mod: binaryen.Module, w: string) => op(mod, w) as Bin;
const unop = (mod: binaryen.Module, w: string) => op(mod, w) as Un;

function load(mod: binaryen.Module, w: string, offset: number, ptr: binaryen.ExpressionRef): binaryen.ExpressionRef {
  switch (w) {
    case 'i32.load': return mod.i32.load(offset, 4, ptr);
    case 'i32.load8_u': return mod.i32.load8_u(offset, 1, ptr);
    case 'i32.load16_u': return mod.i32.load16_u(offset, 2, ptr);
    case 'i64.load': return mod.i64.load(offset, 8, ptr);
    case 'f64.load': return mod.f64.load(offset, 8, ptr);
  }
  throw new Error(`unknown load ${w}`);
}

function store(mod: binaryen.Module, w: string, offset: number, ptr: binaryen.ExpressionRef, value: binaryen.ExpressionRef): binaryen.ExpressionRef {
  switch (w) {
    case 'i32.store': return mod.i32.store(offset, 4, ptr, value);
    case 'i32.store8': return mod.i32.store8(offset, 1, ptr, value);
    case 'i64.store': return mod.i64.store(offset, 8, ptr, value);
    case 'f64.store': return mod.f64.store(offset, 8, ptr, value);
  }
  throw new Error(`unknown store ${w}`);
}
