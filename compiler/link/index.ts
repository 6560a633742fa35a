// Link: the program's functions now live inside the runtime module (codegen put them there);
// here Binaryen drops what the program does not use, optimises, validates and emits.
import binaryen from 'binaryen';
import type { CodegenResult } from '../codegen/index.ts';

export type OptLevel = 0 | 1 | 2 | 3 | 's';

export interface LinkOptions { optimize: OptLevel; emitText?: boolean }

export function link(cg: CodegenResult, opts: LinkOptions): { wasm: Uint8Array; text?: string } {
  const mod = cg.module;
  try {
    if (!mod.validate()) throw new Error('internal error: the generated module does not validate');
    binaryen.setOptimizeLevel(opts.optimize === 's' ? 2 : opts.optimize);
    binaryen.setShrinkLevel(opts.optimize === 's' ? 2 : 0);
    binaryen.setDebugInfo(false);
    if (opts.optimize !== 0) mod.optimize();
    else mod.runPasses(['remove-unused-module-elements']);
    const wasm = mod.emitBinary();
    const text = opts.emitText ? mod.emitText() : undefined;
    return { wasm, text };
  } finally {
    mod.dispose();
  }
}
