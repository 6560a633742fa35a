// Target worker, on the real runtime: build examples/worker with the CLI, serve the bundle with
// workerd (the npm package's binary) on 127.0.0.1 and answer real HTTP requests: routes, bodies,
// status codes, one instance per isolate, a panic's Ruchy file:line (then a fresh instance), and a
// loop of 10,000 requests with no failure and bounded memory.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync, existsSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './host-lib.mjs';

const ex = join(root, 'examples/worker');
const out = join(ex, 'out');
const WORKERD = join(root, 'node_modules/workerd/bin/workerd');

rmSync(out, { recursive: true, force: true });
const built = spawnSync(process.execPath, [join(root, 'bin/ruchyc.mjs'), 'build', 'examples/worker/hello.ruchy', '--target', 'worker', '-o', 'examples/worker/out'], { cwd: root, encoding: 'utf8' });

async function freePort() {
  const srv = createServer();
  await new Promise(r => srv.listen(0, '127.0.0.1', r));
  const port = srv.address().port;
  await new Promise(r => srv.close(r));
  return port;
}

/** workerd serving the built worker, with the memory diagnostics binding; stops itself on exit */
async function startWorkerd(maxMemoryMb) {
  const port = await freePort();
  const limit = maxMemoryMb ? `, (name = "RUCHY_MAX_MEMORY_MB", text = "${maxMemoryMb}")` : '';
  const config = readFileSync(join(out, 'workerd.capnp'), 'utf8')
    .replace('"127.0.0.1:8787"', `"127.0.0.1:${port}"`)
    .replace('bindings = [  ]', `bindings = [ (name = "RUCHY_DEBUG_MEMORY", text = "1")${limit} ]`);
  const cfg = join(out, 'workerd-test.capnp');
  writeFileSync(cfg, config);
  const proc = spawn(WORKERD, ['serve', cfg], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', d => { log += d; });
  proc.stderr.on('data', d => { log += d; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try { await fetch(base + '/'); return { base, proc, log: () => log }; } catch { await new Promise(r => setTimeout(r, 100)); }
  }
  proc.kill();
  throw new Error('workerd did not start: ' + log);
}

test('one command builds worker.mjs (wasm imported as a module), app.wasm and wrangler.toml', () => {
  assert.is(built.status, 0, built.stderr);
  for (const f of ['worker.mjs', 'app.wasm', 'wrangler.toml', 'workerd.capnp']) assert.ok(existsSync(join(out, f)), f);
  const js = readFileSync(join(out, 'worker.mjs'), 'utf8');
  assert.match(js, /import \w+ from "\.\/app\.wasm"/);
  assert.match(js, /export \{\s*\w+ as default\s*\}|export default/);
  assert.not.match(js, /from\s+["']node:/);
  const toml = readFileSync(join(out, 'wrangler.toml'), 'utf8');
  assert.match(toml, /main = "worker\.mjs"/);
  assert.match(toml, /type = "CompiledWasm"/);
});

test('workerd serves the Ruchy handler over real HTTP', async () => {
  const w = await startWorkerd();
  try {
    const get = async (p, init) => { const r = await fetch(w.base + p, init); return { status: r.status, type: r.headers.get('content-type'), text: await r.text() }; };
    assert.equal(await get('/'), { status: 200, type: 'text/plain; charset=utf-8', text: 'Hello from Ruchy on Workers!\n' });
    assert.equal(await get('/sum?a=1&b=22&c=300'), { status: 200, type: 'text/plain; charset=utf-8', text: '323\n' });
    assert.equal(await get('/shout', { method: 'POST', body: 'quiet please' }), { status: 200, type: 'text/plain; charset=utf-8', text: 'QUIET PLEASE' });
    assert.equal(await get('/missing'), { status: 404, type: 'text/plain; charset=utf-8', text: 'no route for GET /missing\n' });
    const agent = await fetch(w.base + '/agent', { headers: { 'User-Agent': 'ruchy-test/1.0' } });
    assert.is(agent.headers.get('x-seen-agent'), 'ruchy-test/1.0', 'response headers from a HashMap');
    assert.is(await agent.text(), 'you are ruchy-test/1.0\n', 'request headers as a HashMap');
    const json = await get('/json');
    assert.is(json.type, 'application/json');
    const n1 = JSON.parse(json.text).served;
    const c = await get('/count');
    assert.is(c.text, `requests served by this instance: ${n1 + 1}\n`, 'module state persists: one instance per isolate');
    const crash = await get('/crash');
    assert.is(crash.status, 500);
    assert.is(crash.text, 'hello.ruchy:63: panic: index out of bounds: the len is 0 but the index is 3\n');
    assert.is((await get('/count')).text, 'requests served by this instance: 1\n', 'a fresh instance after a panic');
  } finally {
    w.proc.kill();
  }
});

test('10,000 requests: no failure, bounded memory', async () => {
  // compiled code releases what each request allocates, so one instance serves them all and its
  // linear memory stays where the warm-up left it (the RUCHY_MAX_MEMORY_MB recycling, default 64,
  // is only a safety net and must not be needed)
  const w = await startWorkerd();
  try {
    const routes = [
      ['/', 200, t => t === 'Hello from Ruchy on Workers!\n'],
      ['/sum?a=5&b=7', 200, t => t === '12\n'],
      ['/count', 200, t => /^requests served by this instance: \d+\n$/.test(t)],
      ['/json', 200, t => /^\{"served": \d+\}$/.test(t)],
      ['/nope', 404, t => t === 'no route for GET /nope\n'],
      ['/agent', 200, t => /^you are .+\n$/.test(t)],
    ];
    const body = 'ruchy '.repeat(40);
    let failures = 0, memory = [], resets = 0, lastServed = 0;
    const one = async i => {
      const post = i % 6 === 5;
      const [path, status, ok] = post ? ['/shout', 200, t => t === body.toUpperCase()] : routes[i % routes.length];
      const r = await fetch(w.base + path, post ? { method: 'POST', body } : undefined);
      const t = await r.text();
      if (r.status !== status || !ok(t)) failures++;
      const served = /served by this instance: (\d+)/.exec(t);
      if (served) {
        if (Number(served[1]) < lastServed - 50) resets++; // a fresh instance took over
        lastServed = Number(served[1]);
      }
      return Number(r.headers.get('x-ruchy-wasm-memory'));
    };
    const run = async (n, conc = 8) => {
      let next = 0, last = 0;
      await Promise.all(Array.from({ length: conc }, async () => { while (next < n) last = Math.max(last, await one(next++)); }));
      return last;
    };
    memory.push(await run(1000));      // warm up
    memory.push(await run(10000));
    assert.is(failures, 0, 'every response correct');
    assert.ok(memory[0] > 0, 'memory diagnostics present');
    // 10,000 more requests grow the instance's memory by at most a few pages over the warm-up
    assert.ok(memory[1] <= memory[0] + 256 * 1024, `wasm memory ${memory[0]} bytes after warm-up, ${memory[1]} after 10,000 more`);
    assert.is(resets, 0, 'one instance served every request');
    const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${w.proc.pid}/status`, 'utf8'))[1]) * 1024;
    assert.ok(rss < 512 * 1024 * 1024, `workerd RSS ${rss} bytes`);
    console.log(`  largest wasm memory: ${memory[1]} bytes; instances replaced: ${resets}; workerd RSS ${Math.round(rss / 1048576)} MiB`);
  } finally {
    w.proc.kill();
  }
});

test.run();
