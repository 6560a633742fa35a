// PENDING (not run by tests/run.mjs): the program uses the runtime's system builtins (env_args,
// read_file, read_stdin, env_var), which methods.json lists but the type checker does not accept
// yet (compiler/types/infer.ts knows only its fixed BUILTINS). Move this file to tests/ once it does
// (importing ./host-lib.mjs);
// it passes with that change (checked with a local patch of the checker).
//
// Target wasi, on the real runtimes: examples/wasi-tool (a word counter reading the files it is
// granted) built with one command and run on node:wasi and @wasmer/wasi with a preopened
// directory, and through `ruchyc run` with the permission flags and ruchy.yaml.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { init as wasmerInit, WASI as WasmerWASI, MemFS } from '@wasmer/wasi';
import { root } from './host-lib.mjs';

const ex = join(root, 'examples/wasi-tool');
const out = join(ex, 'out');
const ruchyc = (args, opts = {}) => spawnSync(process.execPath, [join(root, 'bin/ruchyc.mjs'), ...args], { cwd: root, encoding: 'utf8', ...opts });
const POEM = readFileSync(join(ex, 'data/poem.txt'), 'utf8');
const POEM_COUNTS = '4 20 119';

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const built = ruchyc(['build', 'examples/wasi-tool/wc.ruchy', '--target', 'wasi', '-o', 'examples/wasi-tool/out/wc.wasm']);

test('one command builds a WASI preview1 command module', () => {
  assert.is(built.status, 0, built.stderr);
  const mod = new WebAssembly.Module(readFileSync(join(out, 'wc.wasm')));
  const imports = WebAssembly.Module.imports(mod).map(i => `${i.module}.${i.name}`);
  assert.ok(imports.every(i => i.startsWith('wasi_snapshot_preview1.')), imports.join());
  for (const f of ['args_get', 'fd_read', 'path_open', 'fd_prestat_get', 'environ_get']) assert.ok(imports.includes(`wasi_snapshot_preview1.${f}`), f);
  assert.equal(WebAssembly.Module.exports(mod).map(e => e.name).sort(), ['_start', 'memory']);
});

// node:wasi only, no project code in the process: a preopened directory named `data`
const NODE_WASI = `
const { WASI } = require('node:wasi');
const { readFileSync } = require('node:fs');
const [wasm, dir, ...args] = process.argv.slice(1);
const wasi = new WASI({ version: 'preview1', args, env: { WC_LABEL: 'sum' }, preopens: { data: dir }, returnOnExit: true });
const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasm)), wasi.getImportObject());
process.exitCode = wasi.start(instance);
`;

test('node:wasi: reads the granted files, refuses others, counts stdin', () => {
  const run = (args, input) => spawnSync(process.execPath, ['--no-warnings', '-e', NODE_WASI, join(out, 'wc.wasm'), join(ex, 'data'), 'wc', ...args], { encoding: 'utf8', input });
  const ok = run(['data/poem.txt', 'data/short.txt']);
  assert.is(ok.stderr, '');
  assert.is(ok.stdout, `${POEM_COUNTS} data/poem.txt\n2 4 19 data/short.txt\n6 24 138 sum\n`);
  assert.is(ok.status, 0);
  const out1 = run(['data/../wc.ruchy']);
  assert.is(out1.status, 3);
  assert.match(out1.stderr, /panic: permission denied: cannot read 'data\/..\/wc.ruchy' \(grant access with --allow-read=DIR\)/);
  const abs = run([join(ex, 'wc.ruchy')]);
  assert.is(abs.status, 3);
  assert.match(abs.stderr, /--allow-read/);
  const stdin = run([], 'three words here\nand two\n');
  assert.is(stdin.stdout, '2 5 25 -\n');
});

test('@wasmer/wasi: the same module with an in-memory directory', async () => {
  await wasmerInit();
  const fs = new MemFS();
  fs.createDir('/data');
  fs.open('/data/poem.txt', { read: true, write: true, create: true }).writeString(POEM);
  const wasi = new WasmerWASI({ args: ['wc', '/data/poem.txt', '/data/missing.txt'], env: {}, preopens: { '/data': '/data' }, fs });
  const mod = await WebAssembly.compile(readFileSync(join(out, 'wc.wasm')));
  wasi.instantiate(mod, {});
  const code = wasi.start();
  assert.is(wasi.getStdoutString(), `${POEM_COUNTS} /data/poem.txt\n`);
  assert.is(wasi.getStderrString(), "wc.ruchy:22: panic: cannot read '/data/missing.txt': no such file or directory\n");
  assert.is(code, 3);
});

test('ruchyc run: nothing readable by default; --allow-read grants a directory; --allow-env a variable', () => {
  const denied = ruchyc(['run', 'examples/wasi-tool/wc.ruchy', 'examples/wasi-tool/data/poem.txt']);
  assert.is(denied.status, 3);
  assert.is(denied.stdout, '');
  assert.is(denied.stderr, "wc.ruchy:22: panic: permission denied: cannot read 'examples/wasi-tool/data/poem.txt' (grant access with --allow-read=DIR)\n");
  const env = { ...process.env, WC_LABEL: 'both' };
  const granted = ruchyc(['run', '--allow-read=examples/wasi-tool/data', 'examples/wasi-tool/wc.ruchy', 'examples/wasi-tool/data/poem.txt', join(ex, 'data/short.txt')], { env });
  assert.is(granted.stderr, '');
  assert.is(granted.stdout, `${POEM_COUNTS} examples/wasi-tool/data/poem.txt\n2 4 19 ${join(ex, 'data/short.txt')}\n6 24 138 total\n`, 'the env is not visible without --allow-env');
  const withEnv = ruchyc(['run', '--allow-read=examples/wasi-tool/data', '--allow-env=WC_LABEL', 'examples/wasi-tool/wc.ruchy', 'examples/wasi-tool/data/poem.txt', 'examples/wasi-tool/data/short.txt'], { env });
  assert.match(withEnv.stdout, /6 24 138 both\n$/);
  const outside = ruchyc(['run', '--allow-read=examples/wasi-tool/data', 'examples/wasi-tool/wc.ruchy', 'examples/wasi-tool/data/../wc.ruchy']);
  assert.is(outside.status, 3);
  assert.match(outside.stderr, /--allow-read/);
  const all = ruchyc(['run', '-A', 'examples/wasi-tool/wc.ruchy', 'examples/wasi-tool/wc.ruchy']);
  assert.is(all.status, 0, all.stderr);
});

test('ruchy.yaml permissions; flags win; unknown keys are exit 7', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ruchyc-yaml-'));
  mkdirSync(join(dir, 'notes'));
  writeFileSync(join(dir, 'notes/a.txt'), 'alpha beta\n');
  writeFileSync(join(dir, 'wc.ruchy'), readFileSync(join(ex, 'wc.ruchy')));
  const run = (...args) => spawnSync(process.execPath, [join(root, 'bin/ruchyc.mjs'), 'run', ...args], { cwd: dir, encoding: 'utf8' });
  assert.is(run('wc.ruchy', 'notes/a.txt').status, 3, 'no config, no grant');
  writeFileSync(join(dir, 'ruchy.yaml'), 'permissions:\n  allow-read: [notes]\n');
  const ok = run('wc.ruchy', 'notes/a.txt');
  assert.is(ok.stdout, '1 2 11 notes/a.txt\n', ok.stderr);
  const flagWins = run('--allow-read=elsewhere', 'wc.ruchy', 'notes/a.txt');
  assert.is(flagWins.status, 6, 'a granted directory that does not exist is a usage error');
  mkdirSync(join(dir, 'elsewhere'));
  const narrowed = run('--allow-read=elsewhere', 'wc.ruchy', 'notes/a.txt');
  assert.is(narrowed.status, 3, 'the flag replaces the file\'s allow-read');
  assert.match(narrowed.stderr, /--allow-read/);
  writeFileSync(join(dir, 'ruchy.yaml'), 'permissions:\n  allow-read: [notes]\n  allow-net: true\n');
  const bad = run('wc.ruchy', 'notes/a.txt');
  assert.is(bad.status, 7);
  assert.match(bad.stderr, /^ruchyc: error: .*ruchy\.yaml: unknown key 'permissions\.allow-net'/);
  writeFileSync(join(dir, 'ruchy.yaml'), 'permisions:\n  allow-read: [notes]\n');
  assert.is(run('wc.ruchy', 'notes/a.txt').status, 7, 'a misspelt section is an error too');
});

test.run();
