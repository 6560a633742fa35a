// --source-map: a standard source map next to the module (sources embedded, lines of the Ruchy
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
  assert.throws(() => withMap.depth(100_000_000n), e => e instanceof withMap.RuchyError && e.kind === 'panic'
    && e.message === 'deep.ruchy:2: panic: stack overflow (recursion too deep)');
  const r = ruchyc('build', 'deep.ruchy', '--target', 'node', '-o', 'plain');
  assert.is(r.status, 0, r.stderr);
  assert.not.ok(existsSync(join(dir, 'plain/app.wasm.map')));
  const plain = await import(pathToFileURL(join(dir, 'plain/app.mjs')).href);
  // a runtime panic reports its line with or without a map (and leaves the instance unusable)
  assert.throws(() => plain.pick([1, 2], 5n), e => e.message === 'deep.ruchy:8: panic: index out of bounds: the len is 2 but the index is 5');
  const again = await import(pathToFileURL(join(dir, 'plain/app.mjs')).href + '?fresh');
  assert.throws(() => again.depth(100_000_000n), e => e.message === 'deep.ruchy: panic: stack overflow (recursion too deep)');
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
