// Times one run of a WASI preview1 command module on Node's `node:wasi`.
//
//   node --no-liftoff --no-wasm-tier-up --no-turbo-fast-api-calls benches/wasi-runner.mjs FILE.wasm
//
// Compiles the module (WebAssembly.Module, not timed), instantiates it once, times `_start`
// only, and prints one JSON line to stdout: {"exitCode": N, "stdout": "...", "stderr": "...", "ms": T}.
// The program's own stdout/stderr go to temporary files, so that they can be compared.
//
// One process per run: Node 20's node:wasi aborts the process (SIGABRT) when a second WASI
// command is started in the same process after the first called proc_exit, which every C
// program does. Run with --no-liftoff so that every function is compiled by the optimizing tier
// before `_start`: with V8's default dynamic tiering a long loop in a function that is called
// once (wasm has no on-stack replacement) would stay in the baseline compiler for the whole run.
// --no-turbo-fast-api-calls works around a Node 20 crash: node:wasi's calls are V8 fast API
// calls, and when one of them (fd_write) allocates while a GC is due (external-memory pressure
// from a grown wasm memory) the GC runs inside the fast call and corrupts the heap (SIGABRT in
// uvwasi_destroy or "Check failed" in V8; about half the runs of allocation-heavy programs).
import { WASI } from 'node:wasi';
import { readFileSync, openSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.removeAllListeners('warning'); // the "WASI is an experimental feature" warning
const file = process.argv[2];
const module = new WebAssembly.Module(readFileSync(file));
const dir = mkdtempSync(join(tmpdir(), 'ruchyc-bench-'));
const outPath = join(dir, 'stdout'), errPath = join(dir, 'stderr');
const wasi = new WASI({
  version: 'preview1', args: [file], env: {}, returnOnExit: true,
  stdout: openSync(outPath, 'w'), stderr: openSync(errPath, 'w'),
});
const instance = new WebAssembly.Instance(module, wasi.getImportObject());
let exitCode, trap = '';
const t0 = process.hrtime.bigint();
try {
  exitCode = wasi.start(instance);
} catch (e) {
  exitCode = 134;
  trap = `trap: ${e && e.message}\n`;
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const result = { exitCode: exitCode ?? 0, stdout: readFileSync(outPath, 'utf8'), stderr: readFileSync(errPath, 'utf8') + trap, ms };
rmSync(dir, { recursive: true, force: true });
process.stdout.write(JSON.stringify(result) + '\n');
