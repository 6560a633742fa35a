// Target browser, on the real runtime: build examples/browser with the CLI, serve the example
// directory from a local static server, open index.html in headless Chromium (Debian's chromium,
// driven by playwright-core) and use the page: results, println output, a panic's Ruchy file:line.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize, extname } from 'node:path';
import { chromium } from 'playwright-core';
import { SourceMapConsumer } from 'source-map';
import { root } from './host-lib.mjs';

const ex = join(root, 'examples/browser');
const CHROMIUM = '/usr/bin/chromium';

/** a static file server for dir on 127.0.0.1 (any free port) */
export async function serveStatic(dir) {
  const types = { '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm', '.map': 'application/json' };
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path.endsWith('/') ? path + 'index.html' : path);
    if (!file.startsWith(dir) || !existsSync(file)) { res.writeHead(404); res.end('not found'); return; }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise(r => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise(r => server.close(r)) };
}

rmSync(join(ex, 'out'), { recursive: true, force: true });
const built = spawnSync(process.execPath, [join(root, 'bin/ruchyc.mjs'), 'build', 'examples/browser/text.ruchy', '--target', 'browser', '--source-map', '-o', 'examples/browser/out'], { cwd: root, encoding: 'utf8' });

test('one command builds app.wasm, app.mjs (no Node APIs) and app.d.ts', () => {
  assert.is(built.status, 0, built.stderr);
  for (const f of ['app.wasm', 'app.mjs', 'app.d.ts', 'app.wasm.map']) assert.ok(existsSync(join(ex, 'out', f)), f);
  const js = readFileSync(join(ex, 'out/app.mjs'), 'utf8');
  assert.not.match(js, /from\s+["']node:|require\(|process\./, 'no Node APIs');
  assert.match(js, /instantiateStreaming/);
});

test('the page runs in headless Chromium: results, println to the page, panics with file:line', async () => {
  const server = await serveStatic(ex);
  const profile = mkdtempSync(join(tmpdir(), 'ruchyc-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    // what devtools sees: the wasm script and the source map it names
    const cdp = await page.context().newCDPSession(page);
    const wasmScripts = [];
    cdp.on('Debugger.scriptParsed', e => { if (e.scriptLanguage === 'WebAssembly') wasmScripts.push(e); });
    await cdp.send('Debugger.enable');
    const errors = [], consoleErrors = [];
    page.on('pageerror', e => errors.push(e.message));
    page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    await page.goto(server.url + 'index.html');
    await page.waitForSelector('body[data-ready="yes"]', { timeout: 15000 });
    const text = id => page.textContent('#' + id);
    assert.is(await text('chars'), '43');
    assert.is(await text('words'), '9');
    assert.is(await text('lines'), '2');
    assert.is(await text('longest'), 'quick');
    await page.click('#shout');
    assert.is(await page.inputValue('#text'), 'THE QUICK BROWN FOX\nJUMPS OVER THE LAZY DOG');
    assert.is(await text('log'), 'shouting 43 characters\n', 'println goes to the callback the page passed');
    await page.click('#word');
    assert.is(await text('log'), 'shouting 43 characters\nerror: text.ruchy:32: panic: index out of bounds: the len is 9 but the index is 99\n');
    assert.equal(errors, []);
    assert.equal(consoleErrors, []);
    assert.is(wasmScripts.length, 1, 'one wasm module parsed');
    assert.is(wasmScripts[0].sourceMapURL, 'app.wasm.map');
    assert.ok(wasmScripts[0].url.endsWith('/out/app.wasm'), wasmScripts[0].url);
    const map = await (await fetch(new URL(wasmScripts[0].sourceMapURL, wasmScripts[0].url))).json();
    assert.equal(map.sources, ['text.ruchy']);
    assert.is(map.sourcesContent[0], readFileSync(join(ex, 'text.ruchy'), 'utf8'));
    // the panicking index operation (line 32) is in the map; every mapped line is a line of the file
    const lines = new Set();
    await SourceMapConsumer.with(map, null, c => c.eachMapping(m => { if (m.originalLine) lines.add(m.originalLine); }));
    assert.ok(lines.has(32), `line 32 mapped (${[...lines]})`);
    const nlines = map.sourcesContent[0].split('\n').length;
    assert.ok([...lines].every(l => l >= 1 && l <= nlines));
    await page.screenshot({ path: join(ex, 'out/screenshot.png') });
  } finally {
    await browser.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('the browser .d.ts (init + exports) type-checks a consumer under tsc --strict', () => {
  const dir = mkdtempSync(join(ex, 'out/tsc-'));
  const file = join(dir, 'page.ts');
  spawnSync('sh', ['-c', `cat > ${file} <<'EOF'
import init, { analyze, shout, type Stats } from '../app.mjs';
const lines: string[] = [];
const fns = await init({ stdout: l => { lines.push(l); } });
const s: Stats = analyze('a b');
const w: bigint = s.words;
const up: string = shout('x') + fns.nth_word('a b', 1n);
export { w, up };
EOF`]);
  const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--strict', '--noEmit', '--module', 'esnext',
    '--moduleResolution', 'bundler', '--target', 'es2022', '--lib', 'es2022,dom', file], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stdout + r.stderr);
});

test.run();
