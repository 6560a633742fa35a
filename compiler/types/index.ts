// The type phase: name resolution and whole-program inference (see infer.ts).
import type { Program } from '../syntax/ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { TypedProgram } from './program.ts';
import type { MethodTable } from './methods.ts';
import { inferProgram } from './infer.ts';

export type { TypedProgram } from './program.ts';

export interface CheckOptions {
  /** library targets (node, browser, worker): export every `pub fun` (and `main`) to the host */
  library?: boolean;
}

export function check(program: Program, methods: MethodTable, opts: CheckOptions = {}): { program: TypedProgram; diagnostics: Diagnostic[] } {
  return inferProgram(program, methods, opts.library ?? false);
}
