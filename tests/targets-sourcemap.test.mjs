// --source-map: a standard source map next to the module (sources embedded, statement-level lines of the Ruchy
// file), referenced from the module's sourceMappingURL section; traps in library targets (stack
// overflow) name the Ruchy line through it, and still name the file without it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SourceMapConsumer } from 'source-map';
import { root } from './host-lib.mjs';

const dir = mkdtempSync(join(tmpdir(), 'ruchyc-srcmap-'));
const SRC = `// recursion without a base case deep enough for the host stack
pub fun depth(n: i64) -> i64 {
    if n == 0 { 0 } else { 1 + depth(n - 1) }
}

pub fun pick(xs: Vec<i64>, i: i64) -> i64 {
    let total = xs[0] * 2
    total + xs[i]
}
`;
writeFileSync(join(dir, 'deep.ruchy'), SRC);
const ruchyc = (...args) => spawnSync(process.execPath, [join(root, 'bin/ruchyc.mjs'), ...args], { cwd: dir, encoding: 'utf8' });

test('build --source-map (library target): a valid map with the source embedded, named by the module', async () => {
  const r = ruchyc('build', 'deep.ruchy', '--target', 'node', '--source-map', '-o', 'lib');
  assert.is(r.status, 0, r.stderr);
  const wasm = readFileSync(join(dir, 'lib/app.wasm'));
  const [url] = WebAssembly.Module.customSections(new WebAssembly.Module(wasm), 'sourceMappingURL');
  assert.ok(url, 'sourceMappingURL section');
  assert.match(new TextDecoder().decode(url), /app\.wasm\.map$/);
  const map = JSON.parse(readFileSync(join(dir, 'lib/app.wasm.map'), 'utf8'));
  assert.is(map.version, 3);
  assert.equal(map.sources, ['deep.ruchy']);
  assert.equal(map.sourcesContent, [SRC]);
  const lines = new Set();
  await SourceMapConsumer.with(map, null, c => c.eachMapping(m => {
    assert.ok(m.generatedColumn < wasm.length, 'offsets inside the module');
    if (m.originalLine) lines.add(m.originalLine);
  }));
  for (const l of [2, 8]) assert.ok(lines.has(l), `line ${l} mapped (${[...lines].sort((a, b) => a - b)})`);
});

test('a trap in a library function names its Ruchy line (file only without a map)', async () => {
  const withMap = await import(pathToFileURL(join(dir, 'lib/app.mjs')).href);
  assert.is(withMap.depth(50n), 50n);
  let caught;
  try { withMap.depth(100_000_000n); } catch (e) { caught = e; }
  assert.ok(caught instanceof withMap.RuchyError && caught.kind === 'panic', String(caught?.stack ?? caught));
  assert.is(caught.message, 'deep.ruchy:2: panic: stack overflow (recursion too deep)');
  const r = ruchyc('build', 'deep.ruchy', '--target', 'node', '-o', 'plain');
  assert.is(r.status, 0, r.stderr);
  assert.not.ok(existsSync(join(dir, 'plain/app.wasm.map')));
  const plain = await import(pathToFileURL(join(dir, 'plain/app.mjs')).href);
  // a runtime panic reports its line with or without a map (and leaves the instance unusable)
  assert.throws(() => plain.pick([1, 2], 5n), e => e.message === 'deep.ruchy:8: panic: index out of bounds: the len is 2 but the index is 5');
  const again = await import(pathToFileURL(join(dir, 'plain/app.mjs')).href + '?fresh');
  assert.throws(() => again.depth(100_000_000n), e => e.message === 'deep.ruchy: panic: stack overflow (recursion too deep)');
});

// a panic three calls deep: every wasm frame of the program maps to the line of its statement
const CALLS = `fun inner(xs, i) {
    let a = xs[0]
    let b = a + 1
    xs[i] + b
}

fun outer(xs) {
    let n = 10
    let r = inner(xs, n)
    r * 2
}

let xs = [1, 2, 3]
println("start")
let v = outer(xs)
println(v)
`;

/** runs a WASI command whose proc_exit throws; returns the thrown error's stack */
function stackOfPanic(wasm) {
  let memory;
  const wasi = new Proxy({}, {
    get: (_, name) => (...a) => {
      if (name === 'proc_exit') throw new Error(`exit ${a[0]}`);
      if (name === 'fd_write') {
        const dv = new DataView(memory.buffer);
        let n = 0;
        for (let i = 0; i < a[2]; i++) n += dv.getUint32(a[1] + 8 * i + 4, true);
        dv.setUint32(a[3], n, true);
      }
      return 0;
    },
  });
  const inst = new WebAssembly.Instance(new WebAssembly.Module(wasm), { wasi_snapshot_preview1: wasi });
  memory = inst.exports.memory;
  try { inst.exports._start(); } catch (e) { return String(e.stack); }
  throw new Error('the program did not panic');
}

test('statement-level lines: each frame of a panic maps to the line of its call (-O0), the panicking line at -O2', async () => {
  writeFileSync(join(dir, 'calls.ruchy'), CALLS);
  const frameLines = async opt => {
    const r = ruchyc('build', 'calls.ruchy', '--source-map', opt, '-o', `calls${opt}.wasm`);
    assert.is(r.status, 0, r.stderr);
    const stack = stackOfPanic(readFileSync(join(dir, `calls${opt}.wasm`)));
    const map = JSON.parse(readFileSync(join(dir, `calls${opt}.wasm.map`), 'utf8'));
    const lines = [];
    await SourceMapConsumer.with(map, null, c => {
      for (const m of stack.matchAll(/wasm-function\[\d+\]:0x([0-9a-f]+)/g)) {
        const p = c.originalPositionFor({ line: 1, column: parseInt(m[1], 16) });
        if (p.line) lines.push(p.line);
      }
    });
    return lines;
  };
  const o0 = await frameLines('-O0');
  assert.equal(o0.slice(0, 3), [4, 9, 15], `frames map to ${o0}`);
  const o2 = await frameLines('-O2');
  assert.is(o2[0], 4, `innermost program frame at -O2 maps to ${o2}`);
});

test('ruchyc run: a trap (host stack overflow) names the line of the recursive call', () => {
  // 60 live values per frame: the host stack runs out before the runtime's depth limit
  const vars = Array.from({ length: 60 }, (_, i) => `    let v${i} = n * ${i + 2} + ${i}`);
  const src = ['fun big(n) {', ...vars, '    let r = if n > 0 { big(n + 1) } else { 0 }',
    `    r + ${vars.map((_, i) => `v${i}`).join(' + ')}`, '}', 'println(big(1))', ''].join('\n');
  writeFileSync(join(dir, 'big.ruchy'), src);
  const r = ruchyc('run', 'big.ruchy');
  assert.is(r.status, 3);
  assert.is(r.stderr, 'big.ruchy:62: panic: stack overflow (recursion too deep)\n');
});

test('wasi target: OUT.wasm.map next to OUT.wasm; --source-map needs a wasm file', () => {
  const r = ruchyc('build', 'deep.ruchy', '--source-map', '-o', 'deep.wasm');
  assert.is(r.status, 0, r.stderr);
  const map = JSON.parse(readFileSync(join(dir, 'deep.wasm.map'), 'utf8'));
  assert.is(map.file, 'deep.wasm');
  for (const bad of [['-o', '-'], ['--emit', 'wat']]) {
    const b = ruchyc('build', 'deep.ruchy', '--source-map', ...bad);
    assert.is(b.status, 6);
    assert.match(b.stderr, /--source-map needs a wasm file/);
  }
});

test.run();
