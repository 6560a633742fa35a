// Link: the program's functions now live inside the runtime module (codegen put them there);
// here Binaryen drops what the program does not use, optimises, validates and emits.
import binaryen from 'binaryen';
import type { CodegenResult } from '../codegen/index.ts';

export type OptLevel = 0 | 1 | 2 | 3 | 's';

/** sourceMapUrl: emit a wasm source map (from the debug locations codegen recorded), referenced by that URL */
export interface LinkOptions { optimize: OptLevel; emitText?: boolean; sourceMapUrl?: string }

export function link(cg: CodegenResult, opts: LinkOptions): { wasm: Uint8Array; text?: string; sourceMap?: string } {
  const mod = cg.module;
  try {
    if (!mod.validate()) throw new Error('internal error: the generated module does not validate');
    binaryen.setOptimizeLevel(opts.optimize === 's' ? 2 : opts.optimize);
    binaryen.setShrinkLevel(opts.optimize === 's' ? 2 : 0);
    binaryen.setDebugInfo(opts.sourceMapUrl !== undefined);
    if (opts.optimize !== 0) mod.optimize();
    else mod.runPasses(['remove-unused-module-elements']);
    const text = opts.emitText ? mod.emitText() : undefined;
    if (opts.sourceMapUrl !== undefined) {
      const { binary, sourceMap } = mod.emitBinary(opts.sourceMapUrl);
      return { wasm: binary, text, sourceMap: sourceMap ?? undefined };
    }
    return { wasm: mod.emitBinary(), text };
  } finally {
    mod.dispose();
  }
}
