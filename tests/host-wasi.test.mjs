// The JS WASI (host/wasi.ts) with its file-system backends and the runtime's system builtins
// (runtime-as/assembly/host_api.ts: rt_sys_*), driven through runtime.wasm's exports: the sandbox
// (grants, `..`, absolute paths, symlinks, read-only grants), args, env, clock, random, stdin.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, mkdtempSync, mkdirSync, writeFileSync, symlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadHost, root } from './host-lib.mjs';

const host = await loadHost();
const rtModule = new WebAssembly.Module(readFileSync(join(root, 'runtime-as/build/runtime.wasm')));
const enc = new TextEncoder(), dec = new TextDecoder();
const T_OK = 2, T_ERR = 3;

/** runtime.wasm on the JS WASI with the given options; helpers to pass and read strings */
function runtime(opts = {}) {
  const out = [], err = [];
  const wasi = new host.Wasi({ stdout: b => out.push(dec.decode(b)), stderr: b => err.push(dec.decode(b)), ...opts });
  const inst = new WebAssembly.Instance(rtModule, wasi.imports);
  wasi.bind(inst);
  const x = inst.exports;
  const mem = x.memory;
  const base = mem.buffer.byteLength;
  mem.grow(2);
  x.rt_init(base + 4096, base, 0); // an empty descriptor table: these tests build no objects
  const str = s => {
    const b = enc.encode(s);
    const p = x.rt_host_str_alloc(b.length);
    new Uint8Array(mem.buffer, p + 20, b.length).set(b);
    return x.rt_host_str_done(p);
  };
  const dv = () => new DataView(mem.buffer);
  const read = p => dec.decode(new Uint8Array(mem.buffer, p + 20, dv().getInt32(p + 8, true)));
  /** a Result<String, String> from the runtime: { ok, value } */
  const result = p => {
    const tid = dv().getUint16(p + 6, true);
    assert.ok(tid === T_OK || tid === T_ERR, `a Result (typeId ${tid})`);
    const payload = dv().getUint32(p + 8, true);
    return { ok: tid === T_OK, value: dv().getUint8(payload + 4) === 4 ? read(payload) : null };
  };
  const array = p => {
    const n = dv().getInt32(p + 8, true), data = dv().getUint32(p + 16, true);
    return Array.from({ length: n }, (_, i) => read(dv().getUint32(data + 4 * i, true)));
  };
  return { x, str, read, result, array, out, err, wasi };
}

const node = (hostPath, guestPath, read = true, write = false) => ({ guestPath, dir: new host.NodeDir(hostPath), read, write });

function sandbox() {
  const top = mkdtempSync(join(tmpdir(), 'ruchyc-sandbox-'));
  mkdirSync(join(top, 'grant/sub'), { recursive: true });
  writeFileSync(join(top, 'grant/in.txt'), 'inside');
  writeFileSync(join(top, 'grant/sub/deep.txt'), 'deep');
  writeFileSync(join(top, 'secret.txt'), 'SECRET');
  symlinkSync('../secret.txt', join(top, 'grant/link-out.txt'));
  symlinkSync('in.txt', join(top, 'grant/link-in.txt'));
  symlinkSync('..', join(top, 'grant/up'));
  symlinkSync('../nowhere.txt', join(top, 'grant/dangling.txt'));
  return top;
}

test('resolveInside: `..` may not leave the root; absolute paths are refused', () => {
  assert.equal(host.resolveInside([], 'a/./b/../c'), ['a', 'c']);
  assert.equal(host.resolveInside(['d'], '../x'), ['x']);
  assert.is(host.resolveInside([], '../x'), undefined);
  assert.is(host.resolveInside([], 'a/../../x'), undefined);
  assert.is(host.resolveInside([], '/etc/passwd'), undefined);
});

test('nothing is readable by default: no grant, no file (message names --allow-read)', () => {
  const top = sandbox();
  const r = runtime();
  const res = r.result(r.x.rt_sys_fs_read(r.str(join(top, 'grant/in.txt'))));
  assert.not.ok(res.ok);
  assert.match(res.value, /permission denied/);
  assert.match(res.value, /--allow-read/);
  assert.is(r.x.rt_sys_fs_exists(r.str(join(top, 'grant/in.txt'))), 0);
});

test('a granted directory is readable by its name, inside paths included', () => {
  const top = sandbox();
  const r = runtime({ preopens: [node(join(top, 'grant'), 'data')] });
  assert.equal(r.result(r.x.rt_sys_fs_read(r.str('data/in.txt'))), { ok: true, value: 'inside' });
  assert.equal(r.result(r.x.rt_sys_fs_read(r.str('./data/sub/../sub/deep.txt'))), { ok: true, value: 'deep' });
  assert.equal(r.result(r.x.rt_sys_fs_read(r.str('data/link-in.txt'))), { ok: true, value: 'inside' }, 'a symlink that stays inside');
  assert.is(r.x.rt_sys_fs_exists(r.str('data/in.txt')), 1);
  assert.is(r.x.rt_sys_fs_exists(r.str('data/missing.txt')), 0);
  const missing = r.result(r.x.rt_sys_fs_read(r.str('data/missing.txt')));
  assert.equal(missing, { ok: false, value: "cannot read 'data/missing.txt': no such file or directory" });
});

test('the sandbox holds: .., absolute paths, symlinks out of the grant are refused', () => {
  const top = sandbox();
  const r = runtime({ preopens: [node(join(top, 'grant'), 'data')] });
  for (const p of ['data/../secret.txt', 'data/sub/../../secret.txt', join(top, 'secret.txt'), 'secret.txt',
    'data/link-out.txt', 'data/up/secret.txt', 'data/dangling.txt', '/etc/passwd', '../secret.txt']) {
    const res = r.result(r.x.rt_sys_fs_read(r.str(p)));
    assert.not.ok(res.ok, `${p} must be refused`);
    assert.match(res.value, /^permission denied: cannot read '.*' \(grant access with --allow-read=DIR\)$/, p);
    assert.is(r.x.rt_sys_fs_exists(r.str(p)), 0, `${p} does not exist for the program`);
  }
  // writing through a symlink that leads out, or a dangling one, is refused too
  const w = runtime({ preopens: [node(join(top, 'grant'), 'data', true, true)] });
  for (const p of ['data/link-out.txt', 'data/dangling.txt', 'data/up/new.txt', 'data/../new.txt']) {
    const res = w.result(w.x.rt_sys_fs_write(w.str(p), w.str('x')));
    assert.not.ok(res.ok, `${p} must be refused`);
    assert.match(res.value, /--allow-write/);
  }
  assert.is(readFileSync(join(top, 'secret.txt'), 'utf8'), 'SECRET');
  assert.not.ok(existsSync(join(top, 'nowhere.txt')));
  assert.not.ok(existsSync(join(top, 'new.txt')));
});

test('read-only grants refuse writes (naming --allow-write); write grants create, truncate, append', () => {
  const top = sandbox();
  const ro = runtime({ preopens: [node(join(top, 'grant'), 'data')] });
  const denied = ro.result(ro.x.rt_sys_fs_write(ro.str('data/out.txt'), ro.str('x')));
  assert.equal(denied, { ok: false, value: "permission denied: cannot write 'data/out.txt' (grant access with --allow-write=DIR)" });
  assert.not.ok(existsSync(join(top, 'grant/out.txt')));
  const rw = runtime({ preopens: [node(join(top, 'grant'), 'data', true, true)] });
  assert.equal(rw.result(rw.x.rt_sys_fs_write(rw.str('data/out.txt'), rw.str('first\n'))).ok, true);
  rw.x.rt_sys_append_file(rw.str('data/out.txt'), rw.str('second\n'), 1);
  assert.is(readFileSync(join(top, 'grant/out.txt'), 'utf8'), 'first\nsecond\n');
  rw.x.rt_sys_write_file(rw.str('data/out.txt'), rw.str('over'), 1);
  assert.is(readFileSync(join(top, 'grant/out.txt'), 'utf8'), 'over');
  // write-only grant: cannot read back
  const wo = runtime({ preopens: [node(join(top, 'grant'), 'data', false, true)] });
  assert.match(wo.result(wo.x.rt_sys_fs_read(wo.str('data/out.txt'))).value, /--allow-read/);
});

test('read_file panics with FILE:LINE and the flag that would grant it', () => {
  const r = runtime();
  let code;
  try { r.x.rt_sys_read_file(r.str('notes.txt'), 7); } catch (e) { code = e.code; }
  assert.is(code, 3);
  assert.is(r.err.join(''), "<unknown>:7: panic: permission denied: cannot read 'notes.txt' (grant access with --allow-read=DIR)\n");
});

test('the longest matching grant wins; "." covers relative paths; "/" absolute ones', () => {
  const top = sandbox();
  const r = runtime({ preopens: [node(top, '.'), node(join(top, 'grant'), 'grant', true, true)] });
  assert.equal(r.result(r.x.rt_sys_fs_read(r.str('secret.txt'))), { ok: true, value: 'SECRET' });
  assert.ok(r.result(r.x.rt_sys_fs_write(r.str('grant/w.txt'), r.str('w'))).ok, 'the nested write grant is used');
  assert.not.ok(r.result(r.x.rt_sys_fs_write(r.str('w.txt'), r.str('w'))).ok, 'the outer grant is read-only');
  const abs = runtime({ preopens: [node('/', '/')] });
  assert.equal(abs.result(abs.x.rt_sys_fs_read(abs.str(join(top, 'grant/in.txt')))), { ok: true, value: 'inside' });
});

test('in-memory grants (browsers, workers)', () => {
  const dir = new host.MemoryDir({ 'notes/a.txt': 'alpha', 'b.txt': 'beta' });
  const r = runtime({ preopens: [{ guestPath: '/files', dir, read: true, write: true }] });
  assert.equal(r.result(r.x.rt_sys_fs_read(r.str('/files/notes/a.txt'))), { ok: true, value: 'alpha' });
  assert.not.ok(r.result(r.x.rt_sys_fs_read(r.str('/files/../b.txt'))).ok);
  assert.ok(r.result(r.x.rt_sys_fs_write(r.str('/files/notes/c.txt'), r.str('gamma'))).ok);
  assert.is(dir.text('notes/c.txt'), 'gamma');
  assert.not.ok(r.result(r.x.rt_sys_fs_write(r.str('/files/nodir/c.txt'), r.str('x'))).ok, 'no such directory');
});

test('args, env, clock, random, stdin', () => {
  const chunks = [enc.encode('first line\r\nsecond'), enc.encode(' line\nrest\nof input')];
  const r = runtime({
    args: ['prog', 'héllo', ''], env: { A: '1', LONGER_NAME: 'x=y' }, stdin: () => chunks.shift() ?? null,
    now: () => 1_700_000_000_123_456_789n,
  });
  assert.equal(r.array(r.x.rt_sys_args()), ['prog', 'héllo', '']);
  assert.equal(r.result(r.x.rt_sys_env_var(r.str('LONGER_NAME'))), { ok: true, value: 'x=y' });
  assert.equal(r.result(r.x.rt_sys_env_var(r.str('A'))), { ok: true, value: '1' });
  assert.equal(r.result(r.x.rt_sys_env_var(r.str('LONGER'))), { ok: false, value: 'NotFound' });
  assert.is(r.x.rt_sys_timestamp(), 1_700_000_000_123n);
  const seen = new Set();
  for (let i = 0; i < 200; i++) {
    const f = r.x.rt_sys_random();
    assert.ok(f >= 0 && f < 1);
    seen.add(f);
    const k = r.x.rt_sys_random_int(-2n, 3n, 1);
    assert.ok(k >= -2n && k < 3n);
  }
  assert.ok(seen.size > 190, 'random values vary');
  assert.is(r.read(r.x.rt_sys_input()), 'first line');
  assert.is(r.read(r.x.rt_sys_input_prompt(r.str('> '))), 'second line');
  assert.is(r.out.join(''), '> ');
  assert.is(r.read(r.x.rt_sys_read_stdin()), 'rest\nof input');
  assert.is(r.read(r.x.rt_sys_input()), '', 'end of input');
});

test('permissions: ruchy.yaml parsing, unknown keys, flags win, preopens, env filter', () => {
  const p = host.parseConfig('permissions:\n  allow-read: [data, /abs]\n  allow-env: HOME,LANG\n', 'ruchy.yaml', '/proj');
  assert.equal(p, { read: ['/proj/data', '/abs'], env: ['HOME', 'LANG'] });
  assert.equal(host.parseConfig('permissions:\n  allow-all: true\n', 'y', '/'), { read: true, write: true, env: true });
  for (const bad of ['permissions:\n  allow-net: true\n', 'name: x\n', 'permissions:\n  allow-read: 3\n', 'permissions: [1]\n', 'permissions: {a: 1\n']) {
    assert.throws(() => host.parseConfig(bad, 'ruchy.yaml', '/'), e => e instanceof host.ConfigError, bad);
  }
  const merged = host.mergePermissions({ read: ['/a'], env: ['X'] }, { read: ['/b'], env: undefined });
  assert.equal(merged, { read: ['/b'], write: undefined, env: ['X'] });
  assert.equal(host.grantFromFlag(['a,b'], '/w'), ['/w/a', '/w/b']);
  assert.is(host.grantFromFlag([''], '/w'), true);
  assert.is(host.grantFromFlag(undefined), undefined);
  const pre = host.preopensFor({ read: ['/w/data'], write: ['/w/data/out', '/elsewhere'] }, '/w');
  assert.equal(pre, [
    { guestPath: 'data', hostPath: '/w/data', read: true, write: false },
    { guestPath: '/w/data', hostPath: '/w/data', read: true, write: false },
    { guestPath: 'data/out', hostPath: '/w/data/out', read: true, write: true },
    { guestPath: '/w/data/out', hostPath: '/w/data/out', read: true, write: true },
    { guestPath: '/elsewhere', hostPath: '/elsewhere', read: false, write: true },
  ]);
  assert.equal(host.preopensFor({}, '/w'), []);
  // plus the marker telling the runtime what was granted (a forged marker in the host's env is dropped)
  assert.equal(host.envFor({ env: ['A', 'C'] }, { A: '1', B: '2' }), { A: '1', __RUCHY_ALLOW_ENV: 'A,C' });
  assert.equal(host.envFor({}, { A: '1', __RUCHY_ALLOW_ENV: '*' }), { __RUCHY_ALLOW_ENV: '' });
  assert.equal(host.envFor({ env: true }, { A: '1', B: '2', __RUCHY_ALLOW_ENV: 'A' }), { A: '1', B: '2', __RUCHY_ALLOW_ENV: '*' });
});

test.run();
