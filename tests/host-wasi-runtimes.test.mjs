// The runtime's system builtins (runtime-as/assembly/host_api.ts) on the real WASI runtimes
// node:wasi and @wasmer/wasi: runtime.wasm instantiated on each, its rt_sys_* exports called
// directly — arguments, environment, granted files through real preopens, and what each runtime
// refuses (`..` out of a preopen, paths no preopen covers) reported with the flag that grants it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WASI as NodeWASI } from 'node:wasi';
import { readFileSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { init as wasmerInit, WASI as WasmerWASI, MemFS } from '@wasmer/wasi';
import { root } from './host-lib.mjs';

process.removeAllListeners('warning'); // node:wasi's ExperimentalWarning
const rtModule = new WebAssembly.Module(readFileSync(join(root, 'runtime-as/build/runtime.wasm')));
const enc = new TextEncoder(), dec = new TextDecoder();

/** helpers over an instance of runtime.wasm whose WASI is already bound */
function helpers(x) {
  const mem = x.memory;
  const base = mem.buffer.byteLength;
  mem.grow(2);
  x.rt_init(base + 4096, base, 0);
  const dv = () => new DataView(mem.buffer);
  const str = s => {
    const b = enc.encode(s);
    const p = x.rt_host_str_alloc(b.length);
    new Uint8Array(mem.buffer, p + 20, b.length).set(b);
    return x.rt_host_str_done(p);
  };
  const read = p => dec.decode(new Uint8Array(mem.buffer, p + 20, dv().getInt32(p + 8, true)));
  const result = p => {
    const payload = dv().getUint32(p + 8, true);
    return { ok: dv().getUint16(p + 6, true) === 2, value: dv().getUint8(payload + 4) === 4 ? read(payload) : null };
  };
  const array = p => Array.from({ length: dv().getInt32(p + 8, true) }, (_, i) => read(dv().getUint32(dv().getUint32(p + 16, true) + 4 * i, true)));
  return { x, str, read, result, array };
}

function grantDir() {
  const top = mkdtempSync(join(tmpdir(), 'ruchyc-rt-'));
  mkdirSync(join(top, 'data'));
  writeFileSync(join(top, 'data/in.txt'), 'granted text\n');
  writeFileSync(join(top, 'secret.txt'), 'SECRET');
  return top;
}

test('node:wasi: args, env, a preopened directory, refusals naming --allow-read / --allow-write', () => {
  const top = grantDir();
  const wasi = new NodeWASI({ version: 'preview1', args: ['tool', 'x y'], env: { LANG: 'C' }, preopens: { data: join(top, 'data') }, returnOnExit: true });
  const inst = new WebAssembly.Instance(rtModule, wasi.getImportObject());
  wasi.initialize(inst);
  const h = helpers(inst.exports);
  assert.equal(h.array(h.x.rt_sys_args()), ['tool', 'x y']);
  assert.equal(h.result(h.x.rt_sys_env_var(h.str('LANG'))), { ok: true, value: 'C' });
  assert.equal(h.result(h.x.rt_sys_fs_read(h.str('data/in.txt'))), { ok: true, value: 'granted text\n' });
  assert.equal(h.result(h.x.rt_sys_fs_read(h.str('./data/in.txt'))), { ok: true, value: 'granted text\n' });
  for (const p of ['data/../secret.txt', 'secret.txt', join(top, 'secret.txt')]) {
    const r = h.result(h.x.rt_sys_fs_read(h.str(p)));
    assert.not.ok(r.ok, p);
    assert.match(r.value, /--allow-read/, p);
  }
  assert.ok(h.result(h.x.rt_sys_fs_write(h.str('data/out.txt'), h.str('written'))).ok);
  assert.is(readFileSync(join(top, 'data/out.txt'), 'utf8'), 'written');
  assert.match(h.result(h.x.rt_sys_fs_write(h.str('out.txt'), h.str('x'))).value, /--allow-write/);
  assert.is(h.x.rt_sys_fs_exists(h.str('data/in.txt')), 1);
  assert.is(h.x.rt_sys_fs_exists(h.str('data/none.txt')), 0);
  assert.ok(h.x.rt_sys_timestamp() > 1_600_000_000_000n);
});

test('@wasmer/wasi: args, env, an in-memory preopen, refusals', async () => {
  await wasmerInit();
  const fs = new MemFS();
  fs.createDir('/srv');
  fs.open('/srv/in.txt', { read: true, write: true, create: true }).writeString('from wasmer\n');
  const wasi = new WasmerWASI({ args: ['tool', 'arg'], env: { MODE: 'fast' }, preopens: { '/srv': '/srv' }, fs });
  const inst = wasi.instantiate(rtModule, {});
  const h = helpers(inst.exports);
  assert.equal(h.array(h.x.rt_sys_args()), ['tool', 'arg']);
  assert.equal(h.result(h.x.rt_sys_env_var(h.str('MODE'))), { ok: true, value: 'fast' });
  assert.equal(h.result(h.x.rt_sys_env_var(h.str('HOME'))), { ok: false, value: 'NotFound' });
  assert.equal(h.result(h.x.rt_sys_fs_read(h.str('/srv/in.txt'))), { ok: true, value: 'from wasmer\n' });
  const outside = h.result(h.x.rt_sys_fs_read(h.str('/etc/passwd')));
  assert.not.ok(outside.ok);
  assert.match(outside.value, /--allow-read/);
  assert.ok(h.result(h.x.rt_sys_fs_write(h.str('/srv/new.txt'), h.str('made'))).ok);
  assert.is(h.read(h.x.rt_sys_read_file(h.str('/srv/new.txt'), 1)), 'made');
  const r = h.x.rt_sys_random();
  assert.ok(r >= 0 && r < 1);
});

test.run();
