// Library modules (targets node/browser/worker): `_initialize` instead of `_start`, every `pub fun`
// exported with the host ABI (boxed values), the host API kept, the interface described in the
// `ruchyc.interface` custom section. The host glue itself is tested with the targets.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WASI } from 'node:wasi';
import { compile } from '../dist/compiler.mjs';

const SRC = `struct Point { x: f64, y: f64 }
println("loaded")
pub fun add(a: i64, b: i64) -> i64 { a + b }
pub fun norm(p: Point) -> f64 { (p.x * p.x + p.y * p.y).sqrt() }
pub fun shout(s) { s.to_uppercase() }
fun helper(x) { x * 2 }
fun main() { println("main ran") }
`;

function build(target) {
  const r = compile({ file: 'lib.ruchy', source: SRC, target });
  assert.is(r.exitCode, 0, JSON.stringify(r.diagnostics));
  assert.ok(WebAssembly.validate(r.wasm), 'module validates');
  return new WebAssembly.Module(r.wasm);
}

test('library targets export pub funs, main, _initialize and the host API; no _start', () => {
  for (const target of ['node', 'browser', 'worker']) {
    const names = WebAssembly.Module.exports(build(target)).map(e => e.name);
    for (const n of ['_initialize', 'memory', 'add', 'norm', 'shout', 'main', 'rt_release', 'rt_retain', 'rt_flush']) assert.ok(names.includes(n), `${target}: ${n} exported (${names})`);
    assert.not.ok(names.includes('_start'));
    assert.not.ok(names.includes('helper'), 'private functions stay private');
  }
});

test('wasi target is unchanged: only _start and memory', () => {
  const names = WebAssembly.Module.exports(build('wasi')).map(e => e.name).sort();
  assert.equal(names, ['_start', 'memory']);
  assert.is(WebAssembly.Module.customSections(build('wasi'), 'ruchyc.interface').length, 0);
});

test('interface section: names, annotated types, descriptors', () => {
  const [sec] = WebAssembly.Module.customSections(build('node'), 'ruchyc.interface');
  const iface = JSON.parse(new TextDecoder().decode(sec));
  const byName = Object.fromEntries(iface.functions.map(f => [f.name, f]));
  assert.equal(byName.add.params, [{ name: 'a', type: 'i64' }, { name: 'b', type: 'i64' }]);
  assert.is(byName.add.ret, 'i64');
  assert.equal(byName.norm.params, [{ name: 'p', type: 'Point' }]);
  assert.equal(byName.shout.params, [{ name: 's', type: null }]);
  assert.is(byName.shout.ret, null);
  const point = iface.types.find(t => t.name === 'Point');
  assert.equal(point.fields, ['x', 'y']);
  assert.is(point.kind, 'struct');
  assert.equal(iface.types.slice(0, 4).map(t => t.variant), ['None', 'Some', 'Ok', 'Err']);
});

test('_initialize runs the top-level statements but not main', () => {
  const out = [];
  const wasi = new WASI({ version: 'preview1', returnOnExit: true });
  const imports = wasi.getImportObject();
  const mod = build('node');
  let memory;
  imports.wasi_snapshot_preview1.fd_write = (fd, iovs, n, written) => {
    const v = new DataView(memory.buffer);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const p = v.getUint32(iovs + 8 * i, true), l = v.getUint32(iovs + 8 * i + 4, true);
      out.push(new TextDecoder().decode(new Uint8Array(memory.buffer, p, l)));
      total += l;
    }
    v.setUint32(written, total, true);
    return 0;
  };
  const inst = new WebAssembly.Instance(mod, imports);
  memory = inst.exports.memory;
  inst.exports._initialize();
  assert.is(out.join(''), 'loaded\n');
});

test.run();
