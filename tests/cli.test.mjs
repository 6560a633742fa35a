// CLI acceptance tests: `--help`, the exit-code contract, and that `ruchyc build` produces a
// standalone WASI preview1 command module that runs on plain node:wasi (in a process that loads no
// project code) and on @wasmer/wasi with the same output as `ruchyc run`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { init as wasmerInit, WASI as WasmerWASI } from '@wasmer/wasi';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'ruchyc.mjs');
const dir = mkdtempSync(join(tmpdir(), 'ruchyc-cli-test-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** Runs `ruchyc ARGS…` in the temp dir; returns { code, stdout, stderr }. */
function ruchyc(...args) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function program(name, text) {
  writeFileSync(join(dir, name), text);
  return name;
}

/** No JS stack trace leaked to the user. */
function noStack(stderr) {
  assert.not.match(stderr, /^\s+at .+[(:]\d+/m, `stderr has a JS stack trace:\n${stderr}`);
  assert.not.match(stderr, /node:internal|file:\/\/|Error: /, `stderr leaks a JS error:\n${stderr}`);
}

const HELLO = `struct Item {
    name: String,
    count: i64
}

fun total(items) {
    let mut sum = 0
    for it in items {
        sum = sum + it.count
    }
    sum
}

let items = [Item { name: "apple", count: 3 }, Item { name: "pear", count: 4 }]
let mut i = 0
while i < 2 {
    println(f"{items[i].name}: {items[i].count}")
    i += 1
}
println(f"total {total(items)}")
`;
const HELLO_OUT = 'apple: 3\npear: 4\ntotal 7\n';

program('hello.ruchy', HELLO);
program('parse-error.ruchy', 'let x = 1\nlet y = ;\nprintln(x)\n');
program('name-error.ruchy', 'let count = 3\nprintln(cuont + 1)\n');
program('type-error.ruchy', 'let word = "abc"\nprintln(word - 1)\n');
program('panic.ruchy', 'println("before")\npanic!("it broke")\n');
program('overflow.ruchy', 'fun down(n) { down(n + 1) + 1 }\nprintln("start")\nprintln(down(0))\n');

// --help ----------------------------------------------------------------------------------------
for (const cmd of [[], ['build'], ['run'], ['check']]) {
  test(`ruchyc ${[...cmd, '--help'].join(' ')} prints usage and exits 0`, () => {
    const r = ruchyc(...cmd, '--help');
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /ruchyc/);
    if (cmd.length) assert.match(r.stdout, new RegExp(`ruchyc ${cmd[0]} <file>`));
    else for (const c of ['build', 'run', 'check']) assert.match(r.stdout, new RegExp(`ruchyc ${c} <file>`));
    assert.is(r.stderr, '');
  });
}

test('build --help documents target, -o, -O and --emit', () => {
  const out = ruchyc('build', '--help').stdout;
  for (const flag of ['--target', '--output', '-O', '--emit']) assert.ok(out.includes(flag), `missing ${flag}`);
});

// exit codes ------------------------------------------------------------------------------------
test('a missing file: ruchyc: error, exit 6', () => {
  for (const cmd of ['run', 'build', 'check']) {
    const r = ruchyc(cmd, 'no-such-file.ruchy');
    assert.is(r.code, 6, `${cmd}: ${r.stderr}`);
    assert.match(r.stderr, /^ruchyc: error: .*no-such-file\.ruchy/);
    noStack(r.stderr);
  }
});

test('bad flags: ruchyc: error, exit 6', () => {
  for (const args of [['build', 'hello.ruchy', '--no-such-flag'], ['build', 'hello.ruchy', '-O7'], ['build', 'hello.ruchy', '--emit', 'exe'], ['frobnicate'], []]) {
    const r = ruchyc(...args);
    assert.is(r.code, 6, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^ruchyc: error: /);
    noStack(r.stderr);
  }
});

test('a parse error: FILE:LINE:COL: error, exit 1, nothing run', () => {
  for (const cmd of ['run', 'check', 'build']) {
    const r = ruchyc(cmd, 'parse-error.ruchy');
    assert.is(r.code, 1, `${cmd}: ${r.stderr}`);
    assert.match(r.stderr, /^parse-error\.ruchy:2:\d+: error: /);
    assert.is(r.stdout, '');
    noStack(r.stderr);
  }
  assert.not.ok(existsSync(join(dir, 'parse-error.wasm')), 'no module is written for a bad program');
});

test('a name error and a type error: exit 2, reported before running', () => {
  for (const f of ['name-error.ruchy', 'type-error.ruchy']) {
    for (const cmd of ['run', 'check']) {
      const r = ruchyc(cmd, f);
      assert.is(r.code, 2, `${cmd} ${f}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`^${f.replace('.', '\\.')}:2:\\d+: error: `));
      assert.is(r.stdout, '');
      noStack(r.stderr);
    }
  }
});

test('check: a good program prints nothing and exits 0', () => {
  const r = ruchyc('check', 'hello.ruchy');
  assert.is(r.stderr, '');
  assert.is(r.stdout, '');
  assert.is(r.code, 0);
});

// run -------------------------------------------------------------------------------------------
test('run: the program\'s stdout, exit 0, stderr empty (no WASI warning)', () => {
  const r = ruchyc('run', 'hello.ruchy');
  assert.is(r.stderr, '');
  assert.is(r.stdout, HELLO_OUT);
  assert.is(r.code, 0);
});

test('run: the same output at every optimisation level', () => {
  for (const o of ['-O0', '-O1', '-O2', '-O3', '-Os']) {
    const r = ruchyc('run', o, 'hello.ruchy', '--', 'some', '--args');
    assert.is(r.stderr, '', o);
    assert.is(r.stdout, HELLO_OUT, o);
    assert.is(r.code, 0, o);
  }
});

test('run: a panic keeps earlier output, prints FILE:LINE: panic, exits 3', () => {
  const r = ruchyc('run', 'panic.ruchy');
  assert.is(r.stdout, 'before\n');
  assert.match(r.stderr, /^panic\.ruchy:2: panic: .*it broke/);
  assert.is(r.code, 3);
  noStack(r.stderr);
});

test('run: unbounded recursion is a panic (exit 3), not a JS stack trace', () => {
  const r = ruchyc('run', 'overflow.ruchy');
  assert.is(r.stdout, 'start\n');
  assert.match(r.stderr, /^overflow\.ruchy(:\d+)?: panic: .*stack/i);
  assert.is(r.code, 3);
  noStack(r.stderr);
});

// build -----------------------------------------------------------------------------------------
test('build: default output FILE.wasm, a valid module', () => {
  const r = ruchyc('build', 'hello.ruchy');
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, '');
  const wasm = readFileSync(join(dir, 'hello.wasm'));
  assert.ok(WebAssembly.validate(wasm), 'hello.wasm validates');
});

test('build --emit wat -o - prints text; --emit ir writes FILE.ir', () => {
  const wat = ruchyc('build', 'hello.ruchy', '--emit', 'wat', '-o', '-');
  assert.is(wat.code, 0, wat.stderr);
  assert.match(wat.stdout, /^\(module/);
  assert.match(wat.stdout, /wasi_snapshot_preview1/);
  const ir = ruchyc('build', 'hello.ruchy', '--emit', 'ir');
  assert.is(ir.code, 0, ir.stderr);
  assert.ok(readFileSync(join(dir, 'hello.ir'), 'utf8').length > 0);
});

// What a user does with the module: node:wasi only, no project code in the process.
const PLAIN_NODE_WASI = `
const { WASI } = require('node:wasi');
const { readFileSync } = require('node:fs');
const wasi = new WASI({ version: 'preview1', args: process.argv.slice(1), env: {}, returnOnExit: true });
const mod = new WebAssembly.Module(readFileSync(process.argv[1]));
const instance = new WebAssembly.Instance(mod, wasi.getImportObject());
process.exitCode = wasi.start(instance);
`;

test('build -o: the module validates and runs on plain node:wasi', () => {
  for (const o of ['-O0', '-O2', '-Os']) {
    const out = join(dir, `plain${o}.wasm`);
    const b = ruchyc('build', 'hello.ruchy', o, '-o', out);
    assert.is(b.code, 0, b.stderr);
    const wasm = readFileSync(out);
    assert.ok(WebAssembly.validate(wasm), `${o}: validates`);
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(wasm));
    for (const i of imports) assert.is(i.module, 'wasi_snapshot_preview1', `${o}: imports only WASI (${i.module}.${i.name})`);
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map(e => e.name);
    assert.ok(exports.includes('_start') && exports.includes('memory'), `${o}: exports _start and memory`);
    const r = spawnSync(process.execPath, ['--no-warnings', '-e', PLAIN_NODE_WASI, out], { cwd: tmpdir(), encoding: 'utf8' });
    assert.is(r.stderr, '', o);
    assert.is(r.stdout, HELLO_OUT, o);
    assert.is(r.status, 0, o);
  }
});

test('build -o: the same module runs on @wasmer/wasi with the same stdout', async () => {
  const out = join(dir, 'wasmer.wasm');
  const b = ruchyc('build', 'hello.ruchy', '-o', out);
  assert.is(b.code, 0, b.stderr);
  await wasmerInit();
  const wasi = new WasmerWASI({ args: ['hello.wasm'], env: {} });
  const mod = await WebAssembly.compile(readFileSync(out));
  wasi.instantiate(mod, {});
  const code = wasi.start();
  assert.is(wasi.getStderrString(), '');
  assert.is(wasi.getStdoutString(), HELLO_OUT);
  assert.is(code, 0);
});

test.run();
