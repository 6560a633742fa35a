// Test helper (not a suite): compiles a Ruchy program with the library compiler and runs it on
// node:wasi in this process, so a suite can check its exact output and the size its linear memory
// grew to (nothing freed too early, nothing kept too long).
import * as assert from 'uvu/assert';
import { WASI } from 'node:wasi';
import { mkdtempSync, readFileSync, rmSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../dist/compiler.mjs';

const dir = mkdtempSync(join(tmpdir(), 'ruchyc-run-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** Runs a program that must exit 0; returns its stdout and the final size of its linear memory in MiB. */
export function run(source, file = 'mem.ruchy') {
  const r = compile({ file, source });
  assert.is(r.exitCode, 0, JSON.stringify(r.diagnostics));
  const outFile = join(dir, `out-${Math.random().toString(36).slice(2)}.txt`);
  const fd = openSync(outFile, 'w');
  const wasi = new WASI({ version: 'preview1', returnOnExit: true, stdout: fd });
  const inst = new WebAssembly.Instance(new WebAssembly.Module(r.wasm), wasi.getImportObject());
  const code = wasi.start(inst);
  closeSync(fd);
  assert.is(code, 0);
  return { out: readFileSync(outFile, 'utf8'), mb: inst.exports.memory.buffer.byteLength / 1048576 };
}
