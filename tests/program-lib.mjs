// Test helper (not a suite): compiles a Ruchy program with the library and runs the module on
// node:wasi, returning what it printed, its exit code and the final size of its linear memory.
import * as assert from 'uvu/assert';
import { WASI } from 'node:wasi';
import { mkdtempSync, readFileSync, rmSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../dist/compiler.mjs';

const dir = mkdtempSync(join(tmpdir(), 'ruchyc-prog-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let runs = 0;

/** Runs `source` (which must compile); `mb` is the module's memory in MiB at exit. */
export function runProgram(source, file = 'prog.ruchy') {
  const r = compile({ file, source });
  assert.is(r.exitCode, 0, JSON.stringify(r.diagnostics));
  assert.ok(WebAssembly.validate(r.wasm), 'the module validates');
  const outFile = join(dir, `out-${runs}.txt`), errFile = join(dir, `err-${runs++}.txt`);
  const out = openSync(outFile, 'w'), err = openSync(errFile, 'w');
  const wasi = new WASI({ version: 'preview1', returnOnExit: true, stdout: out, stderr: err });
  const inst = new WebAssembly.Instance(new WebAssembly.Module(r.wasm), wasi.getImportObject());
  const code = wasi.start(inst);
  closeSync(out); closeSync(err);
  return { out: readFileSync(outFile, 'utf8'), err: readFileSync(errFile, 'utf8'), code, mb: inst.exports.memory.buffer.byteLength / 1048576 };
}

/** Runs a program that must exit 0; returns its stdout and the final size of its memory in MiB. */
export function run(source, file = 'mem.ruchy') {
  const { out, err, code, mb } = runProgram(source, file);
  assert.is(code, 0, err);
  return { out, mb };
}
