// Parser: the control-flow and range forms of tests/control-flow.test.mjs (while let with labels,
// let-else, open ranges, half-open range patterns). Run: node build.mjs && node tests/syntax-flow.test.mjs
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from '../dist/compiler.mjs';

function ok(src) {
  const r = parse(src, 't.ruchy');
  assert.equal(r.diagnostics.map(d => `${d.span.line}:${d.span.col} ${d.message}`), [], `diagnostics for ${JSON.stringify(src)}`);
  return r.program.body;
}
const first = src => ok(src)[0];
const expr = src => first(src).expr;
/** the patterns of the arms of a match */
const arms = src => expr(src).arms.map(a => a.pattern);
const bound = v => (v === undefined ? '_' : v.kind === 'int' ? String(v.value) : `'${v.value}'`);
const rangePat = p => `${bound(p.lo)}${p.inclusive ? '..=' : '..'}${bound(p.hi)}`;

test('half-open range patterns: lo.., ..=hi, ..hi, with negative and char bounds', () => {
  const ps = arms(`match n {
    ..=-1 => 0,
    1..10 => 1,
    100.. => 2,
    ..5 => 3,
    'a'.. => 4,
    ..='z' => 5,
    -3..=3 => 6,
    x @ 7.. => 7,
    _ => 8,
  }`);
  assert.equal(ps.slice(0, 7).map(p => [p.kind, rangePat(p)]), [
    ['PRange', '_..=-1'], ['PRange', '1..10'], ['PRange', '100.._'], ['PRange', '_..5'],
    ['PRange', "'a'.._"], ['PRange', "_..='z'"], ['PRange', '-3..=3'],
  ]);
  assert.is(ps[7].kind, 'PBind');
  assert.is(rangePat(ps[7].sub), '7.._');
});

test('array rest patterns are not range patterns', () => {
  const ps = arms('match v { [h, ..] => 1, [.., l] => 2, [a, ..rest] => 3, _ => 4 }');
  assert.equal(ps.slice(0, 3).map(p => [p.kind, p.rest]), [['PArray', { index: 1 }], ['PArray', { index: 0 }], ['PArray', { index: 1, bind: 'rest' }]]);
});

test('`lo..=` without an end is an error in a pattern', () => {
  const d = parse('match n { 1..= => 0 }', 't.ruchy').diagnostics;
  assert.ok(d.length > 0);
  assert.match(d[0].message, /expected a literal to end the range pattern/);
});

test('while let with a label, tuple / struct patterns, and a method-call scrutinee', () => {
  const e = expr("'outer: while let Some((k, Pt { x, .. })) = stack.pop() { break 'outer }");
  assert.is(e.kind, 'WhileLet');
  assert.is(e.label, 'outer');
  assert.is(e.pattern.kind, 'PVariant');
  assert.equal(e.pattern.args[0].elems.map(p => p.kind), ['PBind', 'PStruct']);
  assert.is(e.value.kind, 'MethodCall');
  assert.is(e.body.tail.kind, 'Break');
  assert.is(e.body.tail.label, 'outer');
});

test('let-else: pattern, value and else block; `else` on the next line is not let-else', () => {
  const s = first('let Shape::Circle { r } = s else { return 0 }');
  assert.is(s.kind, 'Let');
  assert.is(s.pattern.kind, 'PStruct');
  assert.is(s.elseBlock.tail.kind, 'Return');
  const body = parse('let x = 1\nelse { }', 't.ruchy');
  assert.ok(body.diagnostics.length > 0);
});

test('open ranges as expressions: ..b, a.., ..=b, .., inside calls, arrays and indexes', () => {
  const shape = e => `${e.start ? 'a' : '_'}${e.inclusive ? '..=' : '..'}${e.end ? 'b' : '_'}`;
  assert.equal(['..3', '2..', '..=4', '..'].map(s => shape(first(`let r = ${s}`).init)), ['_..b', 'a.._', '_..=b', '_.._']);
  const call = expr('f(..3, 1.., ..)');
  assert.equal(call.args.map(shape), ['_..b', 'a.._', '_.._']);
  assert.equal(expr('[..2, 5..]').elems.map(shape), ['_..b', 'a.._']);
  assert.is(shape(expr('xs[1..]').index), 'a.._');
  // `a..` at the end of a line ends the range there
  const two = ok('let r = 2..\nprintln(r)');
  assert.is(two.length, 2);
  assert.is(shape(two[0].init), 'a.._');
  // in a for head the `{` starts the body, not the end of the range
  const f = expr('for i in 10.. { break }');
  assert.is(shape(f.iter), 'a.._');
  assert.is(f.body.tail.kind, 'Break');
});

test('range methods parse on a parenthesised range', () => {
  const e = expr('for i in (0..n).step_by(2) { }');
  assert.is(e.iter.kind, 'MethodCall');
  assert.is(e.iter.method, 'step_by');
  assert.is(e.iter.receiver.kind, 'Range');
  assert.is(expr('(a..=b).rev()').method, 'rev');
});

test('a list comprehension is the block it means: an accumulator, nested for / if, the accumulator', () => {
  const e = expr('[x * y for x in xs if x > 0 for y in 0..x]');
  assert.is(e.kind, 'Block');
  const [init, loops] = e.block.stmts;
  assert.is(init.kind, 'Let');
  assert.is(init.pattern.mutable, true);
  assert.is(init.init.kind, 'Array');
  const outer = loops.expr;
  assert.is(outer.kind, 'For');
  assert.is(outer.iter.kind, 'Ident');
  const guard = outer.body.tail;
  assert.is(guard.kind, 'If');
  const inner = guard.then.tail;
  assert.is(inner.kind, 'For');
  assert.is(inner.iter.kind, 'Range');
  const push = inner.body.tail.block.tail;
  assert.is(push.kind, 'MethodCall');
  assert.is(push.method, 'push');
  assert.is(push.args[0].kind, 'Binary');
  assert.is(e.block.tail.name, init.pattern.name);
  const d = parse('[x for x of xs]', 't.ruchy').diagnostics;
  assert.match(d[0].message, /expected `in` after the comprehension's `for` pattern/);
});

test("a labelled block is the loop that breaks with its block's value once", () => {
  const e = expr("'found: {\n  if a { break 'found 1 }\n  2\n}");
  assert.is(e.kind, 'Loop');
  assert.is(e.block, true);
  assert.is(e.label, 'found');
  const run = e.body.tail;
  assert.is(run.kind, 'Break');
  assert.is(run.label, 'found');
  assert.is(run.value.kind, 'Block');
  assert.is(run.value.block.tail.kind, 'Lit');
  assert.match(parse("'a: 5", 't.ruchy').diagnostics[0].message, /expected `for`, `while`, `loop` or a block after the label/);
});

test.run();
