// Unit tests of the type phase (compiler/types): monomorphisation per call-site argument types,
// numeric literal defaults, dyn only where a value's type varies, closures' side tables, and
// located name/type diagnostics.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, check, loadRuntime } from '../dist/compiler.mjs';

const methods = loadRuntime().methods;

function typed(src) {
  const p = parse(src, 't.ruchy');
  assert.equal(p.diagnostics, []);
  return check(p.program, methods);
}

const show = t => t.k === 'arr' ? `[${show(t.elem)}]` : t.k === 'struct' || t.k === 'enum' ? t.name : t.k;
const insts = (r, name) => r.program.instances.filter(i => i.decl?.name === name);

test('an unannotated function is specialised per argument types found at call sites', () => {
  const r = typed('fun double(x) { x + x }\nprintln(double(2))\nprintln(double(1.5))\nprintln(double("ab"))\n');
  assert.equal(r.diagnostics, []);
  const sigs = insts(r, 'double').map(i => `${i.params.map(p => show(p.ty)).join(',')}->${show(i.ret)}`).sort();
  assert.equal(sigs, ['float->float', 'int->int', 'str->str']);
});

test('recursive fib is int -> int', () => {
  const r = typed('fun fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }\nprintln(fib(20))\n');
  const [f] = insts(r, 'fib');
  assert.is(show(f.params[0].ty), 'int');
  assert.is(show(f.ret), 'int');
});

test('a variable assigned values of different types becomes dyn; one type stays unboxed', () => {
  const r = typed('let mut v = 1\nv = "one"\nlet mut w = 1\nw = 2\nprintln(v)\nprintln(w)\n');
  const byName = Object.fromEntries(r.program.globals.map(g => [g.name, show(g.ty)]));
  assert.is(byName.v, 'dyn');
  assert.is(byName.w, 'int');
});

test('array element types join; structs keep their names', () => {
  const r = typed('struct P { x: i64 }\nlet a = [1, 2]\nlet b = [P { x: 1 }]\nlet c = [1, "x"]\nprintln(a)\nprintln(b)\nprintln(c)\n');
  const byName = Object.fromEntries(r.program.globals.map(g => [g.name, show(g.ty)]));
  assert.equal([byName.a, byName.b, byName.c], ['[int]', '[P]', '[dyn]']);
});

test('closures get their own side tables (their parameters resolve inside the body)', () => {
  const r = typed('let k = 3\nlet f = |x| x * k\nprintln(f(2))\n');
  assert.equal(r.diagnostics, []);
  const clo = r.program.instances.find(i => i.kind === 'closure');
  assert.ok(clo && clo.refs.size >= 2, 'the closure body has its name references');
});

test('undefined names and type errors are located diagnostics', () => {
  const r = typed('fun f(a: i64) -> i64 { a }\nprintln(nope)\nprintln(f("s"))\n');
  const msgs = r.diagnostics.map(d => `${d.kind}@${d.span.line}: ${d.message}`);
  assert.ok(msgs.some(m => m.startsWith('name@2:') && m.includes('nope')), msgs.join('\n'));
  assert.ok(msgs.some(m => m.startsWith('type@3:')), msgs.join('\n'));
});

test('library mode specialises pub functions for their annotations', () => {
  const p = parse('pub fun add(a: i64, b) { a + b }\n', 't.ruchy');
  const r = check(p.program, methods, { library: true });
  const e = r.program.exports.find(x => x.name === 'add');
  assert.equal(e.inst.params.map(p => show(p.ty)), ['int', 'dyn']);
});

test.run();
