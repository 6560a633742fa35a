// Micro-benchmark of the number <-> text functions: node runtime-as/test/numfmt-bench.mjs
import asc from 'assemblyscript/asc';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'numfmt-bench-'));
const out = join(dir, 'numfmt.wasm');
const { error, stderr } = await asc.main([join(here, 'numfmt-entry.ts'),'--outFile',out,'--runtime','stub','--optimizeLevel','3','--noAssert','--enable','bulk-memory'], {});
if (error) { console.log(String(stderr)); process.exit(1); }
const { instance } = await WebAssembly.instantiate(readFileSync(out), { env: { abort() { throw new Error('abort'); } } });
rmSync(dir, { recursive: true, force: true });
const ex = instance.exports; const mem = ex.memory;
const base = mem.grow(1) * 65536;
const sets = {
  everyday: Array.from({length: 200000}, (_, i) => (i * 7919 % 100003) / 97.0),
  tiny: Array.from({length: 50000}, (_, i) => (i+1) * 1.234567e-300),
  prec2: null,
};
for (const [name, xs] of Object.entries(sets)) {
  if (!xs) continue;
  let t = performance.now(); for (const x of xs) ex.fmt_f64(base, x); t = performance.now() - t;
  console.log(name, 'fmt_f64', (t * 1e6 / xs.length).toFixed(0), 'ns/op');
  t = performance.now(); for (const x of xs) ex.fmt_f64_prec(base, x, 2); t = performance.now() - t;
  console.log(name, 'fmt_f64_prec 2', (t * 1e6 / xs.length).toFixed(0), 'ns/op');
  const strs = xs.map(String); const te = new TextEncoder(); const enc = strs.map(s => te.encode(s));
  const u8 = new Uint8Array(mem.buffer);
  t = performance.now(); for (const b of enc) { u8.set(b, base); ex.parse_f64(base, b.length, base + 1000); } t = performance.now() - t;
  console.log(name, 'parse_f64', (t * 1e6 / xs.length).toFixed(0), 'ns/op');
}
let t = performance.now(); for (let i = 0; i < 200000; i++) ex.fmt_i64(base, BigInt(i*1234567)); t = performance.now() - t;
console.log('fmt_i64', (t * 1e6 / 200000).toFixed(0), 'ns/op');
