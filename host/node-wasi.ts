// Runs a compiled ruchyc module (a WASI preview1 command) for `ruchyc run`, on the JS WASI of
// host/wasi.ts (host/run-worker.ts), which enforces the permissions: only granted directories are
// preopened (read and / or write) and only granted environment variables are visible.
//
// The module runs in a worker thread so that it gets a large stack of its own (the main thread's
// V8 stack allows only ~10k small wasm frames; deep but finite recursion must work), while the
// program's stdout/stderr go straight to this process's file descriptors 1 and 2 (written
// synchronously, so output order is preserved). A trap that is not a clean panic (stack overflow,
// `unreachable`, out-of-bounds memory access) becomes `FILE[:LINE]: panic: WHAT` on stderr and exit
// code 3; a clean panic is printed by the runtime itself, which then calls proc_exit(3).
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import type { PreopenSpec } from './permissions.ts';
import { describeTrap } from './glue.ts';
import { lineTable } from '../targets/sourcemap.ts';

// Node 20's WASI functions are V8 "fast API" calls; a garbage collection inside fd_write can then
// corrupt the heap (seen as SIGABRT / "Check failed" in allocation-heavy programs). The flag is
// process-wide and must be set before the module is instantiated. (`ruchyc run` now runs on the JS
// WASI of host/wasi.ts, whose functions are plain JS calls; the flag stays as a precaution.)
setFlagsFromString('--no-turbo-fast-api-calls');

export interface RunWasiOptions {
  /** argv of the program; argv[0] is conventionally the program name */
  args: string[];
  /** environment of the program (none by default) */
  env?: Record<string, string>;
  /** granted directories (none by default) */
  preopens?: PreopenSpec[];
  /** the source path; its base name names the file in trap messages, as in the runtime's panics */
  file: string;
  /** stack size of the thread running the program, in MiB (default 64) */
  stackSizeMb?: number;
  /**
   * optional wasm source map (JSON text, as Binaryen's emitBinary(sourceMapUrl) produces):
   * when given, a trap is reported with the Ruchy line of the innermost wasm frame that has one
   */
  sourceMap?: string;
}

/** What the worker reports back. */
type WorkerResult =
  | { kind: 'exit'; code: number }
  | { kind: 'trap'; name: string; message: string; stack: string }
  | { kind: 'error'; message: string };

/** dist/run-worker.mjs, built from host/run-worker.ts next to the bundled CLI */
function workerUrl(): URL {
  for (const rel of ['./run-worker.mjs', '../dist/run-worker.mjs']) {
    const u = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(u))) return u;
  }
  throw new Error('dist/run-worker.mjs is missing; run `node build.mjs`');
}

/**
 * Runs `wasm` as a WASI command and resolves to its exit code. Throws when the module cannot be
 * compiled or instantiated (a compiler or host fault, not a program fault).
 */
export async function runWasi(wasm: Uint8Array, opts: RunWasiOptions): Promise<number> {
  const module = await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>);
  const result = await new Promise<WorkerResult>((resolve, reject) => {
    let settled = false;
    const worker = new Worker(workerUrl(), {
      workerData: { module, args: opts.args, env: opts.env ?? {}, preopens: opts.preopens ?? [] },
      resourceLimits: { stackSizeMb: opts.stackSizeMb ?? 64 },
      stdout: false,
      stderr: false,
    });
    worker.on('message', (m: WorkerResult) => { settled = true; resolve(m); });
    worker.on('error', e => { if (!settled) { settled = true; reject(e); } });
    worker.on('exit', code => {
      if (!settled) { settled = true; resolve({ kind: 'error', message: `the program's thread ended unexpectedly (${code})` }); }
    });
  });
  switch (result.kind) {
    case 'exit':
      return result.code;
    case 'error':
      throw new Error(result.message);
    case 'trap': {
      // named like the runtime's own panics (the file's base name), with the line when a map tells it
      const lines = opts.sourceMap ? await lineTable(opts.sourceMap, opts.file) : { file: basename(opts.file), table: [] };
      process.stderr.write(describeTrap(Object.assign(new Error(result.message), { name: result.name, stack: result.stack }), lines) + '\n');
      return 3;
    }
  }
}
