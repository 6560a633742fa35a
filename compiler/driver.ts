// The pipeline, one function per phase: syntax -> types -> ir -> codegen -> link.
// Each phase is a function from one data structure to the next; diagnostics are data.
import { parse } from './syntax/parser.ts';
import { check } from './types/index.ts';
import { lower } from './ir/lower.ts';
import { printIR } from './ir/print.ts';
import { codegen } from './codegen/index.ts';
import { link, type OptLevel } from './link/index.ts';
import { loadRuntime } from './link/runtime.ts';
import { Unsupported } from './ir/fnbuilder.ts';
import { type Diagnostic, exitCodeFor, formatDiagnostic } from './diagnostics.ts';

export type Emit = 'wasm' | 'wat' | 'ir';
export type Target = 'wasi' | 'wasm' | 'node' | 'browser' | 'worker';

/** Targets whose module is a library for a JS host rather than a WASI command. */
export const isLibraryTarget = (t: Target | undefined): boolean => t === 'node' || t === 'browser' || t === 'worker';

export interface CompileOptions {
  /** path used in diagnostics and panic messages (as the user wrote it) */
  file: string;
  source: string;
  optimize?: OptLevel;
  emit?: Emit;
  /** stop after type checking */
  checkOnly?: boolean;
  /** wasi (alias wasm): a standalone WASI command; node/browser/worker: a library module whose
   * `pub fun`s are exported with the host ABI (see compiler/ir/exports.ts) */
  target?: Target;
  /** emit a wasm source map too (CompileResult.sourceMap), referenced from the module by this URL */
  sourceMapUrl?: string;
}

export interface CompileResult {
  diagnostics: Diagnostic[];
  /** 0 ok, 1 parse error, 2 type/name error, 6 other compile error */
  exitCode: number;
  wasm?: Uint8Array;
  /** --emit wat / ir */
  text?: string;
  /** the wasm source map (Binaryen's JSON) when sourceMapUrl was given */
  sourceMap?: string;
}

export function compile(opts: CompileOptions): CompileResult {
  const fail = (diagnostics: Diagnostic[]): CompileResult => ({ diagnostics, exitCode: exitCodeFor(diagnostics) });
  const parsed = parse(opts.source, opts.file);
  if (parsed.diagnostics.length) return fail(parsed.diagnostics);
  const runtime = loadRuntime();
  const library = isLibraryTarget(opts.target);
  const typed = check(parsed.program, runtime.methods, { library });
  if (typed.diagnostics.length) return fail(typed.diagnostics);
  if (opts.checkOnly) return { diagnostics: [], exitCode: 0 };
  let ir;
  try {
    ir = lower(typed.program, { library });
  } catch (e) {
    // a construct the lowering does not handle yet is reported, located, as a compile error
    if (e instanceof Unsupported) return fail([{ kind: 'internal', message: e.message, span: e.span }]);
    throw e;
  }
  if (opts.emit === 'ir') return { diagnostics: [], exitCode: 0, text: printIR(ir) };
  const mod = codegen(ir, runtime, opts.sourceMapUrl !== undefined ? { file: opts.file } : undefined);
  const out = link(mod, { optimize: opts.optimize ?? 2, emitText: opts.emit === 'wat', sourceMapUrl: opts.sourceMapUrl });
  return { diagnostics: [], exitCode: 0, wasm: out.wasm, text: out.text, sourceMap: out.sourceMap };
}

/** Diagnostics rendered for a terminal: `FILE:LINE:COL: error: message`, source line, caret. */
export function renderDiagnostics(result: CompileResult, file: string, source: string): string {
  return result.diagnostics.map(d => formatDiagnostic(d, file, source)).join('\n');
}
