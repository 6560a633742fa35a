// The compiler as a library: the pipeline and each phase, for the CLI, hosts and tests.
export { compile, renderDiagnostics, type CompileOptions, type CompileResult, type Emit } from './driver.ts';
export { parse } from './syntax/parser.ts';
export { check } from './types/index.ts';
export { lower } from './ir/lower.ts';
export { printIR } from './ir/print.ts';
export { codegen } from './codegen/index.ts';
export { link } from './link/index.ts';
export { loadRuntime } from './link/runtime.ts';
export { formatDiagnostic, exitCodeFor, type Diagnostic } from './diagnostics.ts';
