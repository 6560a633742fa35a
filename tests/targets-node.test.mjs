// Target node, on the real runtime: build examples/node-lib with the CLI, import the generated
// app.mjs, call its exports (values and JS types), run the example's JS script, and type-check a
// TS consumer of the generated app.d.ts under tsc --strict.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './host-lib.mjs';

const ex = join(root, 'examples/node-lib');
const out = join(ex, 'out');
const ruchyc = (...args) => spawnSync(process.execPath, [join(root, 'bin/ruchyc.mjs'), ...args], { cwd: root, encoding: 'utf8' });

rmSync(out, { recursive: true, force: true });
const built = ruchyc('build', 'examples/node-lib/stats.ruchy', '--target', 'node', '-o', 'examples/node-lib/out');
const lib = built.status === 0 ? await import(pathToFileURL(join(out, 'app.mjs')).href) : null;

test('one command builds app.wasm, app.mjs and app.d.ts', () => {
  assert.is(built.status, 0, built.stderr);
  for (const f of ['app.wasm', 'app.mjs', 'app.d.ts']) assert.ok(existsSync(join(out, f)), f);
  const mod = new WebAssembly.Module(readFileSync(join(out, 'app.wasm')));
  const imports = WebAssembly.Module.imports(mod);
  assert.ok(imports.every(i => i.module === 'wasi_snapshot_preview1'), 'imports only WASI');
});

test('exports marshal numbers, floats, arrays, structs, Option, Result', () => {
  const xs = [1, 2, 3, 4, 10];
  assert.is(lib.mean(xs), 4);
  assert.is(typeof lib.mean(new Float64Array([0.5, 1])), 'number');
  assert.equal(lib.summarize(xs), { count: 5n, mean: 4, min: 1, max: 10 });
  const h = lib.histogram(xs, 3n);
  assert.ok(h instanceof BigInt64Array, 'Vec<i64> -> BigInt64Array');
  assert.equal([...h], [3n, 1n, 1n]);
  assert.equal([...lib.histogram(new Float64Array(xs), 3)], [3n, 1n, 1n], 'typed arrays and numbers accepted');
  assert.is(lib.percentile_rank(xs, 3.5), 60);
  assert.is(lib.percentile_rank([], 1), null, 'None -> null');
  assert.is(lib.label({ count: 2n, mean: 1.5, min: 1, max: 2 }), '2 values, mean 1.5, range 1.0..2.0', 'plain object -> struct');
  assert.is(lib.checked_ratio(9n, 3), 3n);
});

test('Err is thrown as RuchyError with its message; wrong argument types are TypeErrors', () => {
  assert.throws(() => lib.summarize([]), e => e instanceof lib.RuchyError && e.kind === 'err' && e.message === 'cannot summarize an empty list');
  assert.throws(() => lib.mean('nope'), e => e instanceof TypeError && /expected an array/.test(e.message));
  assert.throws(() => lib.label({ count: 1n }), e => e instanceof TypeError && /missing field 'mean'/.test(e.message));
  assert.throws(() => lib.mean(), e => e instanceof TypeError);
});

test('print goes to stdout; a panic is a RuchyError naming the Ruchy file:line', () => {
  const script = `import { report, checked_ratio, mean } from ${JSON.stringify(pathToFileURL(join(out, 'app.mjs')).href)};
report([1, 2]);
try { checked_ratio(1, 0); } catch (e) { console.log('caught: ' + e.message); }
try { mean([1]); } catch (e) { console.log('after: ' + e.message); }`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stdout, '2 values, mean 1.5, range 1.0..2.0\ncaught: stats.ruchy:67: panic: ratio with a zero denominator\n'
    + 'after: the module panicked earlier and cannot be used: stats.ruchy:67: panic: ratio with a zero denominator\n');
  assert.is(r.stderr, '', 'the panic text goes into the error, not to stderr');
});

test('the example script runs against the generated module', () => {
  const r = spawnSync(process.execPath, [join(ex, 'main.mjs'), '3', '1', '4', '1', '5', '9', '2', '6'], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stdout, '8 values, mean 3.875, range 1.0..9.0\nhistogram: 3 2 2 1\nrank of 4: 50%\n');
  const empty = spawnSync(process.execPath, [join(ex, 'main.mjs')], { encoding: 'utf8' });
  assert.is(empty.status, 1);
  assert.is(empty.stderr, 'stats: cannot summarize an empty list\n');
});

const tsc = (file) => spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--strict', '--noEmit',
  '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', file], { encoding: 'utf8' });

test('app.d.ts type-checks a TS consumer under tsc --strict, and rejects a wrong use', () => {
  const ok = tsc(join(ex, 'consumer.ts'));
  assert.is(ok.status, 0, ok.stdout + ok.stderr);
  const dir = mkdtempSync(join(ex, 'out/tsc-'));
  const bad = join(dir, 'bad.ts');
  writeFileSync(bad, `import { mean, summarize } from '../app.mjs';\nconst m: string = mean([1]);\nconst n: number = summarize([1]).count;\nexport { m, n };\n`);
  const r = tsc(bad);
  assert.is(r.status, 2);
  assert.match(r.stdout, /Type 'number' is not assignable to type 'string'/);
  assert.match(r.stdout, /Type 'bigint' is not assignable to type 'number'/);
});

test.run();
