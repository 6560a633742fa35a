// Debug locations for source maps (`ruchyc build --source-map`): each emitted expression that
// knows its Ruchy line gets a Binaryen debug location, which Binaryen turns into a wasm source map
// when the module is emitted with a map URL (compiler/link).
//
// Where a line comes from, best first:
//  - an IR node's own `line` (lowering locates every statement and expression);
//  - a call of a runtime function that takes the source line as an argument (every runtime
//    function that can panic does: methods.json's `"line": true`, rt_panic*, rt_unbox_*, …) when
//    that argument is a constant — the line of the operation itself;
//  - the line of the innermost enclosing node that has one;
//  - the function's declaration line, for what lies outside every located node (prologue,
//    releases at exit), so every instruction maps somewhere.
import binaryen from 'binaryen';
import type { IR, IRFunc } from '../ir/ir.ts';
import type { RuntimeImage } from '../link/runtime.ts';

/** runtime functions whose line argument is not simply the last one */
const LINE_ARG_FIRST = new Set(['rt_panic_overflow', 'rt_panic_div_zero', 'rt_panic_stack']);
/** runtime functions with a trailing line argument that are not in methods.json */
const LINE_ARG_LAST = ['rt_panic', 'rt_panic_index', 'rt_assert', 'rt_unbox_i64', 'rt_unbox_f64', 'rt_unbox_bool',
  'rt_arr_get_i64', 'rt_arr_get_f64', 'rt_arr_get_bool', 'rt_arr_get_ref', 'rt_arr_get_dyn', 'rt_arr_set_i64',
  'rt_arr_set_f64', 'rt_arr_set_bool', 'rt_arr_set_ref', 'rt_arr_set_dyn', 'rt_arr_push_dyn', 'rt_str_index',
  'rt_str_slice', 'rt_arr_slice', 'rt_map_index', 'rt_unwrap', 'rt_expect', 'rt_assert_eq', 'rt_assert_ne'];

/**
 * The column recorded with every line. Not 0: Binaryen does not write a mapping whose location
 * equals its initial state (file 0, line 1, column 0), which would lose line 1 of the file; the
 * finished map (targets/sourcemap.ts) resets original columns to 0.
 */
const COL = 1;

export class DebugInfo {
  private readonly fileIndex: number;
  private readonly lineArg = new Map<string, 'first' | 'last'>();
  private pending: { ref: binaryen.ExpressionRef; line: number | undefined }[] = [];
  /** lines of the located nodes being emitted, innermost last */
  private scope: number[] = [];

  constructor(private readonly mod: binaryen.Module, fileName: string, runtime: RuntimeImage) {
    this.fileIndex = mod.addDebugInfoFileName(fileName);
    const tables = runtime.methods as unknown as { methods: Record<string, Record<string, { fn: string; line?: boolean }>>; functions: Record<string, { fn: string; line?: boolean }[]> };
    for (const cls of Object.values(tables.methods ?? {})) for (const m of Object.values(cls)) if (m.line) this.lineArg.set(m.fn, 'last');
    for (const list of Object.values(tables.functions ?? {})) for (const m of list) if (m.line) this.lineArg.set(m.fn, 'last');
    for (const fn of LINE_ARG_LAST) this.lineArg.set(fn, 'last');
    for (const fn of LINE_ARG_FIRST) this.lineArg.set(fn, 'first');
  }

  /**
   * Emits `e` (through `emitNode`) and records its Ruchy line: its own, else the innermost
   * enclosing node's — so the instructions of a located statement or call all map to its line.
   */
  emit(e: IR, emitNode: () => binaryen.ExpressionRef): binaryen.ExpressionRef {
    const own = this.lineOf(e);
    if (own !== undefined) this.scope.push(own);
    const ref = emitNode();
    if (own !== undefined) this.scope.pop();
    this.pending.push({ ref, line: own ?? this.scope[this.scope.length - 1] });
    return ref;
  }

  private lineOf(e: IR): number | undefined {
    const own = (e as { line?: unknown }).line;
    if (typeof own === 'number' && own > 0) return own;
    if (e.op !== 'call' || e.args.length === 0) return undefined;
    const where = this.lineArg.get(e.fn);
    if (!where) return undefined;
    const a = where === 'first' ? e.args[0] : e.args[e.args.length - 1];
    return a.op === 'const' && a.vt === 'i32' && Number(a.value) > 0 ? Number(a.value) : undefined;
  }

  /** after addFunction: located expressions get their line, the others the declaration line */
  finish(fn: binaryen.FunctionRef, f: IRFunc, body: binaryen.ExpressionRef): void {
    if (f.line > 0) this.mod.setDebugLocation(fn, body, this.fileIndex, f.line, COL);
    for (const p of this.pending) {
      const line = p.line ?? f.line;
      if (line > 0) this.mod.setDebugLocation(fn, p.ref, this.fileIndex, line, COL);
    }
    this.pending = [];
    this.scope = [];
  }
}
