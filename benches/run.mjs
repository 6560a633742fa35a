#!/usr/bin/env node
// Benchmark suite: each program in benches/programs/ exists as NAME.ruchy and NAME.c (same
// algorithm, same output). In one run it measures
//   ruchyc -O2 and -O3 (run on Node's WASI by benches/wasi-runner.mjs),
//   the C program compiled by clang to wasm32-wasi at -O2 (same runner),
//   the C program compiled natively by gcc -O2,
// checks that every variant prints exactly the same output, and prints a table.
//
//   node benches/run.mjs [--filter NAME[,NAME...]] [--runs N] [--json]
//
// Not part of `npm test`: it takes minutes and its numbers depend on the machine.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const progDir = join(here, 'programs');
const buildDir = join(here, '.build');

// ---- arguments ----
const argv = process.argv.slice(2);
let filter = null, runs = 5, json = false;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--filter') filter = argv[++i];
  else if (a.startsWith('--filter=')) filter = a.slice(9);
  else if (a === '--runs') runs = Number(argv[++i]);
  else if (a.startsWith('--runs=')) runs = Number(a.slice(7));
  else if (a === '--json') json = true;
  else if (a === '-h' || a === '--help') {
    console.log('usage: node benches/run.mjs [--filter NAME[,NAME...]] [--runs N] [--json]');
    process.exit(0);
  } else {
    console.error(`run.mjs: unknown argument ${a}`);
    process.exit(2);
  }
}
if (!Number.isInteger(runs) || runs < 1) { console.error('run.mjs: --runs must be a positive integer'); process.exit(2); }
// progress and notes go to stderr, so that --json leaves only JSON on stdout
const log = (...a) => console.error(...a);

// ---- toolchains ----
mkdirSync(buildDir, { recursive: true });
function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  return { ok: !r.error && r.status === 0, status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? String(r.error.message) : '') };
}
const firstLine = s => (s.trim().split('\n').find(l => l.trim()) ?? '').trim();

const probeC = join(buildDir, 'probe.c');
writeFileSync(probeC, '#include <stdio.h>\nint main(void) { printf("ok\\n"); return 0; }\n');
const toolchains = {};
{
  const r = sh('clang', ['--target=wasm32-wasi', '-O2', '-s', probeC, '-o', join(buildDir, 'probe.wasm')]);
  toolchains.clangWasm = r.ok ? { ok: true, version: firstLine(sh('clang', ['--version']).stdout) }
    : { ok: false, why: r.stderr.includes('ENOENT') ? 'clang not found' : 'clang cannot build wasm32-wasi: ' + firstLine(r.stderr) };
  const g = sh('gcc', ['-O2', probeC, '-o', join(buildDir, 'probe')]);
  toolchains.gcc = g.ok ? { ok: true, version: firstLine(sh('gcc', ['--version']).stdout) }
    : { ok: false, why: g.stderr.includes('ENOENT') ? 'gcc not found' : 'gcc failed: ' + firstLine(g.stderr) };
}
if (!toolchains.clangWasm.ok) log(`NOTE: C->wasm column missing: ${toolchains.clangWasm.why}` +
  ` (Debian: apt-get install clang lld wasi-libc libclang-rt-dev-wasm32)`);
if (!toolchains.gcc.ok) log(`NOTE: native column missing: ${toolchains.gcc.why}`);

// ---- the compiler (library build) ----
{
  const r = sh(process.execPath, [join(root, 'build.mjs'), '--quiet'], { cwd: root });
  if (!r.ok) { log('run.mjs: node build.mjs failed:\n' + r.stderr); process.exit(1); }
}
const { compile, renderDiagnostics } = await import(pathToFileURL(join(root, 'dist/compiler.mjs')).href);

// ---- running ----
const NODE_FLAGS = ['--no-liftoff', '--no-wasm-tier-up', '--no-turbo-fast-api-calls']; // see wasi-runner.mjs
function runWasm(file) {
  const once = () => {
    const r = sh(process.execPath, [...NODE_FLAGS, join(here, 'wasi-runner.mjs'), file]);
    if (!r.ok) {
      return { exitCode: r.status ?? 1, stdout: '', ms: 0,
        stderr: `runner ${r.signal ? 'killed by ' + r.signal : 'exited ' + r.status}: ${firstLine(r.stderr)}` };
    }
    return JSON.parse(r.stdout.trim().split('\n').pop());
  };
  return repeat(once);
}
// one untimed warm-up run (its output is the one checked), then `runs` timed runs that must
// print the same
function repeat(once) {
  const first = once();
  const times = [];
  if (first.exitCode === 0) {
    for (let i = 0; i < runs; i++) {
      const r = once();
      if (r.exitCode !== 0 || r.stdout !== first.stdout) {
        first.exitCode = r.exitCode || 1;
        first.stderr = `timed run ${i + 1} differs from the warm-up run: ${firstLine(r.stderr) || 'other output'}`;
        return { ...first, times: [] };
      }
      times.push(r.ms);
    }
  }
  return { ...first, times };
}
function runNative(file) {
  const once = () => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(file, [], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    return { exitCode: r.status ?? 1, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.signal ? `killed by ${r.signal}` : ''), ms };
  };
  return repeat(once);
}
function stats(times) {
  if (!times.length) return null;
  const s = [...times].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], runs: s.length };
}

// native process start-up, so that small native times can be read correctly
let nativeStartup = null;
if (toolchains.gcc.ok) {
  const emptyC = join(buildDir, 'empty.c');
  writeFileSync(emptyC, 'int main(void) { return 0; }\n');
  if (sh('gcc', ['-O2', emptyC, '-o', join(buildDir, 'empty')]).ok) nativeStartup = stats(runNative(join(buildDir, 'empty')).times);
}

// ---- the benchmarks ----
let names = readdirSync(progDir).filter(f => f.endsWith('.ruchy')).map(f => f.slice(0, -6)).sort();
if (filter) {
  const want = filter.split(',').map(s => s.trim()).filter(Boolean);
  names = names.filter(n => want.some(w => n.includes(w)));
  if (!names.length) { log(`run.mjs: no benchmark matches --filter ${filter}`); process.exit(2); }
}

const VARIANTS = ['ruchyc-O2', 'ruchyc-O3', 'c-wasm', 'native'];
const results = [];
for (const name of names) {
  log(`== ${name}`);
  const res = { name, status: 'OK', reason: '', variants: {} };
  const rfile = join(progDir, name + '.ruchy'), cfile = join(progDir, name + '.c');
  const source = readFileSync(rfile, 'utf8');

  // ruchyc at -O2 and -O3
  for (const level of [2, 3]) {
    const key = `ruchyc-O${level}`;
    const v = res.variants[key] = {};
    let out;
    const t0 = process.hrtime.bigint();
    try {
      out = compile({ file: `benches/programs/${name}.ruchy`, source, optimize: level });
    } catch (e) {
      out = { exitCode: 6, diagnostics: [], crash: String(e && e.message || e).split('\n')[0] };
    }
    v.compileMs = Number(process.hrtime.bigint() - t0) / 1e6;
    if (out.exitCode !== 0 || !out.wasm) {
      const why = out.crash ? 'internal compiler error: ' + out.crash
        : renderDiagnostics(out, `benches/programs/${name}.ruchy`, source).split('\n')[0];
      v.error = `compile failed (exit ${out.exitCode}): ${why}`;
      continue;
    }
    const wasmFile = join(buildDir, `${name}.O${level}.wasm`);
    writeFileSync(wasmFile, out.wasm);
    v.size = out.wasm.length;
    log(`   ${key}: ${v.size} bytes, running`);
    Object.assign(v, runWasm(wasmFile));
  }
  // C compiled to wasm32-wasi by clang
  if (toolchains.clangWasm.ok) {
    const v = res.variants['c-wasm'] = {};
    const wasmFile = join(buildDir, `${name}.c.wasm`);
    const r = sh('clang', ['--target=wasm32-wasi', '-O2', '-s', cfile, '-o', wasmFile]);
    if (!r.ok) v.error = 'clang failed: ' + firstLine(r.stderr);
    else {
      v.size = statSync(wasmFile).size;
      log(`   c-wasm: ${v.size} bytes, running`);
      Object.assign(v, runWasm(wasmFile));
    }
  }
  // C compiled natively by gcc
  if (toolchains.gcc.ok) {
    const v = res.variants.native = {};
    const exe = join(buildDir, `${name}.native`);
    const r = sh('gcc', ['-O2', cfile, '-o', exe]);
    if (!r.ok) v.error = 'gcc failed: ' + firstLine(r.stderr);
    else {
      log('   native: running');
      Object.assign(v, runNative(exe));
    }
  }

  // verdict: every variant that ran must exit 0 with the same output
  for (const [key, v] of Object.entries(res.variants)) {
    if (!v.error && v.exitCode !== 0) v.error = `exit ${v.exitCode}: ${firstLine(v.stderr)}`;
    v.stats = v.error ? null : stats(v.times);
  }
  const ran = Object.entries(res.variants).filter(([, v]) => !v.error);
  const outputs = new Set(ran.map(([, v]) => v.stdout));
  const cErr = ['c-wasm', 'native'].map(k => res.variants[k]?.error).find(Boolean);
  const compileErr = ['ruchyc-O2', 'ruchyc-O3'].map(k => res.variants[k].error).find(e => e && e.startsWith('compile failed'));
  const runErr = ['ruchyc-O2', 'ruchyc-O3'].map(k => res.variants[k].error).find(e => e && !e.startsWith('compile failed'));
  if (cErr) { res.status = 'FAILED'; res.reason = `C program: ${cErr}`; }
  else if (compileErr) { res.status = 'SKIPPED'; res.reason = compileErr; }
  else if (runErr) { res.status = 'FAILED'; res.reason = `ruchyc program: ${runErr}`; }
  if (outputs.size > 1) {
    res.status = 'FAILED';
    const ref = (res.variants.native && !res.variants.native.error ? res.variants.native : res.variants['c-wasm'] ?? ran[0][1]).stdout;
    const bad = ran.filter(([, v]) => v.stdout !== ref).map(([k, v]) => `${k} printed ${JSON.stringify(v.stdout.slice(0, 120))}`);
    res.reason = `outputs differ from ${JSON.stringify(ref.slice(0, 120))}: ${bad.join('; ')}`;
  }
  if (res.status === 'FAILED') for (const k of ['ruchyc-O2', 'ruchyc-O3']) if (res.variants[k]) res.variants[k].stats = null; // not timed
  res.checksum = ran.length ? ran[0][1].stdout.trim() : '';
  log(`   ${res.status}${res.reason ? ': ' + res.reason : ''}`);
  results.push(res);
}

// ---- report ----
const fmtMs = s => s ? (s.median >= 100 ? s.median.toFixed(0) : s.median.toFixed(1)) : '-';
const fmtRange = s => s ? `${fmtMs({ median: s.min })}–${fmtMs({ median: s.max })}` : '';
const ratio = (a, b) => (a && b) ? (a.median / b.median).toFixed(a.median / b.median >= 10 ? 0 : 1) + '×' : '-';
const cell = v => v?.stats ? `${fmtMs(v.stats)} (${fmtRange(v.stats)})` : v?.error ? 'n/a' : '-';
const machine = `${os.cpus()[0]?.model ?? 'cpu'} (${os.cpus().length} cores), ${os.platform()} ${os.release()}, node ${process.version}`;

if (json) {
  const strip = v => v && { size: v.size, compileMs: v.compileMs, error: v.error, stats: v.stats, times: v.times };
  console.log(JSON.stringify({
    date: new Date().toISOString(), machine, runs, toolchains, nativeStartupMs: nativeStartup,
    benchmarks: results.map(r => ({ name: r.name, status: r.status, reason: r.reason || undefined, checksum: r.checksum,
      variants: Object.fromEntries(VARIANTS.filter(k => r.variants[k]).map(k => [k, strip(r.variants[k])])),
      ratios: { 'ruchyc-O2/c-wasm': ratioNum(r, 'c-wasm'), 'ruchyc-O2/native': ratioNum(r, 'native') } })),
  }, null, 2));
} else {
  const head = ['benchmark', 'status', 'ruchyc -O2 ms', 'ruchyc -O3 ms', 'C wasm ms', 'native ms', 'O2/C-wasm', 'O2/native', 'O2 bytes', 'O3 bytes', 'C wasm bytes'];
  const rows = results.map(r => {
    const v = r.variants;
    return [r.name, r.status, cell(v['ruchyc-O2']), cell(v['ruchyc-O3']), cell(v['c-wasm']), cell(v.native),
      ratio(v['ruchyc-O2']?.stats, v['c-wasm']?.stats), ratio(v['ruchyc-O2']?.stats, v.native?.stats),
      v['ruchyc-O2']?.size ?? '-', v['ruchyc-O3']?.size ?? '-', v['c-wasm']?.size ?? '-'].map(String);
  });
  const w = head.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
  const line = r => '| ' + r.map((c, i) => c.padEnd(w[i])).join(' | ') + ' |';
  console.log(`\n${new Date().toISOString().slice(0, 10)}, ${machine}; median of ${runs} runs (min–max)`);
  console.log(`C->wasm: ${toolchains.clangWasm.ok ? toolchains.clangWasm.version : 'MISSING (' + toolchains.clangWasm.why + ')'}; ` +
    `native: ${toolchains.gcc.ok ? toolchains.gcc.version : 'MISSING (' + toolchains.gcc.why + ')'}` +
    (nativeStartup ? `; native times include process start-up (~${nativeStartup.median.toFixed(1)} ms for an empty program)` : ''));
  console.log(line(head));
  console.log('|' + w.map(n => '-'.repeat(n + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
  const notes = results.filter(r => r.reason);
  if (notes.length) console.log('');
  for (const r of notes) console.log(`${r.name}: ${r.status}: ${r.reason}`);
}
process.exitCode = results.some(r => r.status === 'FAILED') ? 1 : 0;

function ratioNum(r, key) {
  const a = r.variants['ruchyc-O2']?.stats, b = r.variants[key]?.stats;
  return a && b ? +(a.median / b.median).toFixed(2) : null;
}
