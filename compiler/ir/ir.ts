// The typed IR: structured control flow over typed wasm values, with every allocation, copy,
// refcount operation and runtime call explicit. One IR function per function instance.

export type VT = 'i32' | 'i64' | 'f64' | 'none';

/** An IR node; `line` is the Ruchy source line it comes from, when known (source maps). */
export type IR = IRNode & { line?: number };

type IRNode =
  | { op: 'const'; vt: 'i32' | 'i64' | 'f64'; value: number | bigint }
  | { op: 'get'; local: number; vt: VT }
  | { op: 'set'; local: number; value: IR }
  | { op: 'tee'; local: number; value: IR; vt: VT }
  | { op: 'gget'; name: string; vt: VT }
  | { op: 'gset'; name: string; value: IR }
  /** direct call of a program function or a runtime export */
  | { op: 'call'; fn: string; args: IR[]; vt: VT }
  /** call through the function table (closures: env pointer first) */
  | { op: 'calli'; index: IR; args: IR[]; params: VT[]; vt: VT }
  | { op: 'bin'; w: string; a: IR; b: IR; vt: VT }
  | { op: 'un'; w: string; a: IR; vt: VT }
  | { op: 'load'; w: string; offset: number; ptr: IR; vt: VT }
  | { op: 'store'; w: string; offset: number; ptr: IR; value: IR }
  | { op: 'block'; label?: string; body: IR[]; vt: VT; owned?: boolean } // owned: builds a fresh (+1) reference
  | { op: 'loop'; label: string; body: IR }
  | { op: 'if'; cond: IR; then: IR; else?: IR; vt: VT }
  | { op: 'br'; label: string; cond?: IR; value?: IR }
  | { op: 'return'; value?: IR }
  | { op: 'drop'; value: IR }
  | { op: 'unreachable' }
  | { op: 'nop' }
  /** address of a static data object */
  | { op: 'data'; id: number }
  /** index of a function in the closure table */
  | { op: 'fnidx'; fn: string };

export interface IRFunc {
  name: string;
  params: VT[];
  result: VT;
  /** all locals, parameters first; names are for printing */
  locals: { name: string; vt: VT }[];
  body: IR;
  /** the source line of the declaration (stack-overflow panics report it) */
  line: number;
}

/** A static object in the data segment: bytes plus 32-bit pointers to other data objects. */
export interface DataObj {
  id: number;
  bytes: Uint8Array;
  relocs: { offset: number; target: number }[];
  align: number;
}

export interface IRGlobal { name: string; vt: VT }

export interface IRModule {
  funcs: IRFunc[];
  globals: IRGlobal[];
  data: DataObj[];
  /** data object id of the descriptor table (array of descriptor pointers by typeId) */
  typesTable: number;
  /** data object id of the source file name (STR) */
  fileName: number;
  /** functions reachable through call_indirect, in table order */
  table: string[];
  /** the function `_start` calls */
  entry: string;
  /** library targets: no `_start`; `_initialize` runs the script, and these functions are exported */
  library: boolean;
  exports: { name: string; fn: string }[];
  /** library targets: JSON of the `ruchyc.interface` custom section */
  interface: string | null;
  /** runtime functions the program calls, with their wasm signatures */
  runtimeCalls: Map<string, { params: VT[]; result: VT }>;
}

export const vtOfResult = (ir: IR): VT =>
  ir.op === 'data' || ir.op === 'fnidx' ? 'i32' : 'vt' in ir ? ir.vt : 'none';

/** `ir` located at a source line, unless it already has one (a copy: nodes may be shared) */
export const located = (ir: IR, line: number): IR => (ir.line !== undefined || !(line > 0) ? ir : { ...ir, line });
