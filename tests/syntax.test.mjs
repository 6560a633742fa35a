// Syntax phase: lexer + parser. Run: node build.mjs && node tests/syntax.test.mjs
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '../dist/compiler.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const CONFORMANCE = process.env.RUCHY_CONFORMANCE ?? join(here, '../../shared/conformance');

// ---------------------------------------------------------------- helpers
function ok(src) {
  const r = parse(src, 't.ruchy');
  assert.equal(r.diagnostics.map(d => `${d.span.line}:${d.span.col} ${d.message}`), [], `diagnostics for ${JSON.stringify(src)}`);
  return r.program;
}
function errors(src) {
  return parse(src, 't.ruchy').diagnostics;
}
/** the only statement of a program, as an expression */
function expr(src) {
  const body = ok(src).body;
  assert.is(body.length, 1, `one statement in ${JSON.stringify(src)}`);
  assert.is(body[0].kind, 'ExprStmt');
  return body[0].expr;
}
function stmt(src) {
  const body = ok(src).body;
  assert.is(body.length, 1);
  return body[0];
}
function item(src) {
  const s = stmt(src);
  assert.is(s.kind, 'ItemStmt');
  return s.item;
}
function lit(v) {
  switch (v.kind) {
    case 'int': return String(v.value);
    case 'float': return Number.isInteger(v.value) ? v.value.toFixed(1) : String(v.value);
    case 'str': return JSON.stringify(v.value);
    case 'char': return `'${v.value}'`;
    case 'bool': return String(v.value);
    default: return 'nil';
  }
}
/** compact S-expression of an expression, for precedence checks */
function sx(e) {
  switch (e.kind) {
    case 'Lit': return lit(e.value);
    case 'Ident': return e.name;
    case 'Path': return e.path.join('::');
    case 'Unary': return `(${e.op} ${sx(e.expr)})`;
    case 'Binary': return `(${e.op} ${sx(e.left)} ${sx(e.right)})`;
    case 'Assign': return `(${e.op} ${sx(e.target)} ${sx(e.value)})`;
    case 'Cast': return `(as ${sx(e.expr)} ${e.type.name})`;
    case 'Range': return `(${e.inclusive ? '..=' : '..'} ${e.start ? sx(e.start) : '_'} ${e.end ? sx(e.end) : '_'})`;
    case 'Call': return `(call ${sx(e.callee)}${e.args.map(a => ' ' + sx(a)).join('')})`;
    case 'MethodCall': return `(.${e.method} ${sx(e.receiver)}${e.args.map(a => ' ' + sx(a)).join('')})`;
    case 'Field': return `(. ${sx(e.expr)} ${e.name})`;
    case 'TupleField': return `(. ${sx(e.expr)} ${e.index})`;
    case 'Index': return `([] ${sx(e.expr)} ${sx(e.index)})`;
    case 'Try': return `(? ${sx(e.expr)})`;
    case 'Tuple': return `(tuple${e.elems.map(a => ' ' + sx(a)).join('')})`;
    case 'Array': return `[${e.elems.map(sx).join(' ')}]`;
    case 'Closure': return `(fn ${e.params.length} ${sx(e.body)})`;
    case 'Block': return `{${e.block.stmts.length}${e.block.tail ? ' ' + sx(e.block.tail) : ''}}`;
    case 'Macro': return `(${e.name}!${e.args.map(a => ' ' + sx(a)).join('')})`;
    default: return e.kind;
  }
}
const P = src => sx(expr(src));

// ---------------------------------------------------------------- precedence
const PRECEDENCE = [
  ['1 + 2 * 3', '(+ 1 (* 2 3))'],
  ['1 * 2 + 3', '(+ (* 1 2) 3)'],
  ['1 - 2 - 3', '(- (- 1 2) 3)'],
  ['8 / 4 / 2', '(/ (/ 8 4) 2)'],
  ['7 % 3 * 2', '(* (% 7 3) 2)'],
  ['2 ** 3 ** 2', '(** 2 (** 3 2))'],
  ['-2 ** 2', '(** (- 2) 2)'],
  ['2 ** -1', '(** 2 (- 1))'],
  ['3 ** 4 - 1', '(- (** 3 4) 1)'],
  ['2 * 3 ** 2', '(* 2 (** 3 2))'],
  ['-a * b', '(* (- a) b)'],
  ['!a && b', '(&& (! a) b)'],
  ['!!a', '(! (! a))'],
  ['~x & 1', '(& (~ x) 1)'],
  ['a || b && c', '(|| a (&& b c))'],
  ['a && b || c && d', '(|| (&& a b) (&& c d))'],
  ['a == b && c != d', '(&& (== a b) (!= c d))'],
  ['a < b == c > d', '(== (< a b) (> c d))'],
  ['a + 1 < b * 2', '(< (+ a 1) (* b 2))'],
  ['1 << 2 + 3', '(<< 1 (+ 2 3))'],
  ['a >> 1 < b', '(< (>> a 1) b)'],
  ['a | b ^ c & d', '(| a (^ b (& c d)))'],
  ['a & b == c', '(& a (== b c))'],
  ['x as f64 * 2.0', '(* (as x f64) 2.0)'],
  ['a + b as i64', '(+ a (as b i64))'],
  ['-x as f64', '(as (- x) f64)'],
  ['0..n + 1', '(.. 0 (+ n 1))'],
  ['1..=10', '(..= 1 10)'],
  ['..5', '(.. _ 5)'],
  ['..=5', '(..= _ 5)'],
  ['x[2..]', '([] x (.. 2 _))'],
  ['x[..]', '([] x (.. _ _))'],
  ['a = b = c', '(= a (= b c))'],
  ['x += 1 + 2', '(+= x (+ 1 2))'],
  ['x **= 2', '(**= x 2)'],
  ['x <<= 1', '(<<= x 1)'],
  ['a.b.c(1).d', '(. (.c (. a b) 1) d)'],
  ['t.0.1', '(. (. t 0) 1)'],
  ['f(x)?.y', '(. (? (call f x)) y)'],
  ['-f(x)[0]', '(- ([] (call f x) 0))'],
  ['a[i][j] = 3', '(= ([] ([] a i) j) 3)'],
  ['(1 + 2) * 3', '(* (+ 1 2) 3)'],
  ['p.x = p.x + 1', '(= (. p x) (+ (. p x) 1))'],
  ['xs.len() as f64 / 2.0', '(/ (as (.len xs) f64) 2.0)'],
  ['Shape::Circle(2.0)', '(call Shape::Circle 2.0)'],
  ['|x| x + 1', '(fn 1 (+ x 1))'],
  ['a\n  .map(f)\n  .sum()', '(.sum (.map a f))'],
  ['a +\n b', '(+ a b)'],
  ['a\n  && b', '(&& a b)'],
];
for (const [src, want] of PRECEDENCE) {
  test(`precedence: ${src.replace(/\n\s*/g, ' ')}`, () => { assert.is(P(src), want); });
}

// ---------------------------------------------------------------- literals and lexing
test('integer literals: decimal, hex, binary, octal, separators, i64 extremes', () => {
  assert.is(expr('1_000_000').value.value, 1000000n);
  assert.is(expr('0xff').value.value, 255n);
  assert.is(expr('0b1010').value.value, 10n);
  assert.is(expr('0o17').value.value, 15n);
  assert.is(expr('9223372036854775807').value.value, 9223372036854775807n);
  const min = expr('-9223372036854775808');
  assert.is(min.kind, 'Unary');
  assert.is(min.expr.value.value, 9223372036854775808n);
});
test('float literals', () => {
  assert.is(expr('1.0').value.value, 1);
  assert.is(expr('1e3').value.value, 1000);
  assert.is(expr('2.5e-3').value.value, 0.0025);
  assert.is(expr('1.5E+2').value.kind, 'float');
  assert.is(P('5.max(3)'), '(.max 5 3)');
  assert.is(P('1..2'), '(.. 1 2)');
});
test('string escapes, chars, raw strings', () => {
  assert.is(expr(String.raw`"a\nb\t\\ \" \' \0 \u{e9}"`).value.value, 'a\nb\t\\ " \' \0 é');
  assert.is(expr(`'a'`).value.value, 'a');
  assert.is(expr(String.raw`'\t'`).value.value, '\t');
  assert.is(expr(String.raw`'\''`).value.value, "'");
  assert.is(expr(`'é'`).value.value, 'é');
  assert.is(expr(String.raw`r"C:\dir\n"`).value.value, String.raw`C:\dir\n`);
  assert.is(expr('r#"say "hi""#').value.value, 'say "hi"');
  assert.is(expr('"{not interpolated}"').value.value, '{not interpolated}');
});
test('comments: line, block (nested), doc, hash', () => {
  const prog = ok('// line\n/* block /* nested */ still */ let a = 1 /* inline */ + 2\n/// doc\n# hash comment\nlet b = a');
  assert.is(prog.body.length, 2);
  assert.is(sx(prog.body[0].init), '(+ 1 2)');
});
test('f-strings: interpolation, specs, escaped braces, escaped quotes, nested calls', () => {
  const e = expr(String.raw`f"Hello {name}, {x:.2} {{literal}} {s.replace(\"R\", \"r\")} {a + b:>8}!"`);
  assert.is(e.kind, 'FString');
  const parts = e.parts.map(p => p.text !== undefined ? `T${JSON.stringify(p.text)}` : `E${sx(p.expr)}${p.spec !== undefined ? ':' + p.spec : ''}`);
  assert.equal(parts, ['T"Hello "', 'Ename', 'T", "', 'Ex:.2', 'T" {literal} "', 'E(.replace s "R" "r")', 'T" "', 'E(+ a b):>8', 'T"!"']);
  assert.equal(expr('f"no placeholders"').parts, [{ text: 'no placeholders' }]);
  assert.is(sx(expr('f"{items[0]} {Shape::Dot}"').parts[0].expr), '([] items 0)');
  assert.is(sx(expr('f"{Shape::Dot}"').parts[0].expr), 'Shape::Dot');
  assert.is(expr(String.raw`f"quoted: \"{name}\"\t"`).parts[0].text, 'quoted: "');
});
test('f-string interpolation spans point into the source', () => {
  const src = 'let s = f"ab {value}"';
  const init = ok(src).body[0].init;
  const sp = init.parts[1].expr.span;
  assert.is(src.slice(sp.start, sp.end), 'value');
  assert.is(sp.col, 15);
});
test('labels versus char literals', () => {
  const e = expr("'outer: for i in xs { for j in ys { if j == 'x' { break 'outer } else { continue 'outer } } }");
  assert.is(e.kind, 'For');
  assert.is(e.label, 'outer');
  const inner = e.body.tail.body.tail;
  assert.is(inner.kind, 'If');
  assert.is(inner.cond.right.value.value, 'x');
  assert.is(inner.then.tail.kind, 'Break');
  assert.is(inner.then.tail.label, 'outer');
  assert.is(inner.else.block.tail.kind, 'Continue');
  assert.is(inner.else.block.tail.label, 'outer');
});

// ---------------------------------------------------------------- statements and expressions
test('newline-separated statements, optional semicolons', () => {
  const prog = ok('let a = 1\nlet mut b = 2; b = a + b\nprintln(b)\n');
  assert.equal(prog.body.map(s => s.kind), ['Let', 'Let', 'ExprStmt', 'ExprStmt']);
  assert.is(prog.body[1].pattern.mutable, true);
  assert.is(prog.body[2].semi, false);
  assert.is(ok('f();').body[0].semi, true);
});
test('a call or index must start on the same line', () => {
  const prog = ok('let a = b\n(1, 2)\nlet c = d\n[1, 2]');
  assert.is(prog.body.length, 4);
  assert.is(prog.body[1].expr.kind, 'Tuple');
  assert.is(prog.body[3].expr.kind, 'Array');
});
test('let with patterns and types', () => {
  const s = stmt('let (a, mut b): (i64, String) = (1, "x")');
  assert.is(s.pattern.kind, 'PTuple');
  assert.is(s.pattern.elems[1].mutable, true);
  assert.is(s.type.kind, 'TTuple');
  assert.is(stmt('let x: Vec<Option<i64>> = vec![]').type.args[0].args[0].name, 'i64');
  assert.is(stmt('let m: HashMap<String, Vec<i64>> = HashMap::new()').type.args.length, 2);
  assert.is(stmt('let f: fn(i64) -> i64 = g').type.kind, 'TFn');
  assert.is(stmt('let xs: [i64] = []').type.kind, 'TArray');
  assert.is(stmt('let r: &mut Vec<i64> = v').type.kind, 'TRef');
  assert.is(stmt('let x: _ = 1').type.kind, 'TInfer');
  assert.is(stmt('let f: impl Fn(i64) -> bool = g').type.kind, 'TFn');
  assert.is(stmt('let Some(x) = opt else { return }').elseBlock.tail.kind, 'Return');
});
test('blocks are expressions; the last expression without `;` is the tail', () => {
  const s = stmt('let v = { let a = 1\n a + 1 }');
  assert.is(s.init.kind, 'Block');
  assert.is(s.init.block.stmts.length, 1);
  assert.is(sx(s.init.block.tail), '(+ a 1)');
  const t = stmt('let v = { f(); }');
  assert.is(t.init.block.tail, undefined);
});
test('if / else if / else, if let, while, while let, loop with break value', () => {
  const e = expr('if a { 1 } else if b { 2 } else { 3 }');
  assert.is(e.else.kind, 'If');
  assert.is(e.else.else.kind, 'Block');
  const il = expr('if let Some(x) = opt { x } else { 0 }');
  assert.is(il.kind, 'IfLet');
  assert.is(il.pattern.kind, 'PVariant');
  assert.is(expr('while i < 10 { i += 1 }').kind, 'While');
  assert.is(expr('while let Some(top) = stack.pop() { top }').kind, 'WhileLet');
  const l = stmt('let r = loop { break 42 }');
  assert.is(l.init.body.tail.value.value.value, 42n);
  assert.is(expr("'a: while true { break 'a }").label, 'a');
  assert.is(expr("'b: loop { continue 'b }").label, 'b');
  const ret = ok('fun f() { if x { return }\n return 1 + 2 }').body[0].item.body;
  assert.is(ret.stmts[0].expr.then.tail.value, undefined);
  assert.is(sx(ret.tail.value), '(+ 1 2)');
});
test('else on the next line after the then-block', () => {
  const e = expr('if a {\n 1\n}\nelse {\n 2\n}');
  assert.is(e.else.kind, 'Block');
});
test('for loops with patterns', () => {
  const e = expr('for (i, x) in xs.iter().enumerate() { println(i) }');
  assert.is(e.pattern.kind, 'PTuple');
  assert.is(sx(e.iter), '(.enumerate (.iter xs))');
  assert.is(sx(expr('for i in (0..10).rev() { }').iter), '(.rev (.. 0 10))');
});
test('struct literals are not parsed in condition position', () => {
  assert.is(expr('if x == y { 1 }').then.tail.value.value, 1n);
  assert.is(expr('if x == Y { 1 }').cond.right.name, 'Y');
  assert.is(expr('for p in Points { p }').iter.name, 'Points');
  assert.is(expr('match v { _ => 1 }').scrutinee.name, 'v');
  assert.is(expr('while n < MAX { n += 1 }').cond.right.name, 'MAX');
  // inside parentheses the restriction is lifted
  assert.is(expr('if (p == Point { x: 1, y: 2 }) { 1 }').cond.right.kind, 'StructLit');
});
test('struct literals: shorthand, paths, base, nesting, in blocks', () => {
  const e = expr('Point { x, y: 1 + 2 }');
  assert.is(e.kind, 'StructLit');
  assert.equal(e.fields.map(f => f.name), ['x', 'y']);
  assert.is(e.fields[0].value.kind, 'Ident');
  assert.equal(expr('Shape::Rect { w: 1.0, h: 2.0 }').path, ['Shape', 'Rect']);
  assert.is(expr('Point { x: 1, ..origin }').base.name, 'origin');
  assert.is(expr('Line { a: Point { x: 1, y: 2 }, b: p }').fields[0].value.kind, 'StructLit');
  assert.is(expr('Empty {}').kind, 'StructLit');
  assert.is(expr('if c { Point { x: 1 } } else { p }').then.tail.kind, 'StructLit');
  const multi = expr('Item {\n  sku: "a",\n  qty: 3\n}');
  assert.is(multi.fields.length, 2);
});
test('object literals and empty braces', () => {
  const e = expr('{a: 1, "b c": 2, nested: {d: [1]}}');
  assert.is(e.kind, 'Object');
  assert.equal(e.entries.map(x => x.key), ['a', 'b c', 'nested']);
  assert.is(e.entries[2].value.kind, 'Object');
  assert.is(expr('{}').kind, 'Object');
  assert.is(stmt('let e = {}').init.entries.length, 0);
  assert.is(expr('{ a }').kind, 'Block');
});
test('arrays, array repeat, tuples, unit', () => {
  assert.is(P('[1, 2, 3,]'), '[1 2 3]');
  const r = expr('[0; n * 2]');
  assert.is(r.kind, 'ArrayRepeat');
  assert.is(sx(r.count), '(* n 2)');
  assert.is(P('(1, "a")'), '(tuple 1 "a")');
  assert.is(P('(1,)'), '(tuple 1)');
  assert.is(P('()'), '(tuple)');
  assert.is(P('[[1, 2], [3]]'), '[[1 2] [3]]');
});
test('macros', () => {
  assert.is(P('vec![1, 2]'), '(vec! 1 2)');
  assert.is(expr('vec![0; 3]').kind, 'ArrayRepeat');
  assert.is(P('println!("{}", x)'), '(println! "{}" x)');
  assert.is(P('panic!("boom")'), '(panic! "boom")');
  assert.is(P('format!("{} {}", a, b)'), '(format! "{} {}" a b)');
  assert.is(P('assert!(a < b)'), '(assert! (< a b))');
  assert.is(P('assert_eq!(a, 1)'), '(assert_eq! a 1)');
  assert.is(P('vec![]'), '(vec!)');
  // `a != b` is not a macro
  assert.is(P('a != b'), '(!= a b)');
});
test('closures', () => {
  const c = expr('|a, b| a + b');
  assert.is(c.params.length, 2);
  assert.is(expr('|| { 1 }').body.kind, 'Block');
  assert.is(expr('|| {}').body.kind, 'Block');
  const m = expr('move |x: i64| -> i64 { x * 2 }');
  assert.is(m.params[0].type.name, 'i64');
  assert.is(m.ret.name, 'i64');
  assert.is(P('xs.map(|x| x * 2).filter(|x| x > 2)'), '(.filter (.map xs (fn 1 (* x 2))) (fn 1 (> x 2)))');
  assert.is(expr('|(a, b)| a').params[0].pattern.kind, 'PTuple');
  assert.is(expr('|item| seen.push(item)').body.kind, 'MethodCall');
  assert.is(expr('|x| total += x').body.kind, 'Assign');
  assert.is(expr('|x| {a: x}').body.kind, 'Object');
  assert.is(expr('fun(x) { x }').kind, 'Closure');
});
test('paths, turbofish, method calls, try', () => {
  assert.is(P('HashMap::new()'), '(call HashMap::new)');
  assert.is(P('Weekday::Mon'), 'Weekday::Mon');
  assert.is(P('"5".parse::<i64>()?'), '(? (.parse "5"))');
  assert.is(P('Vec::<i64>::new()'), '(call Vec::new)');
  const mc = expr('s.len()');
  assert.is(mc.method, 'len');
  assert.is(mc.methodSpan.col, 3);
  assert.is(P('self.items.push(x)'), '(.push (. self items) x)');
});
test('match: arms, guards, commas or newlines, block bodies', () => {
  const e = expr('match n {\n  0 => "zero",\n  x if x < 0 => "neg"\n  1 | 2 => { "small" }\n  _ => "big"\n}');
  assert.is(e.arms.length, 4);
  assert.is(sx(e.arms[1].guard), '(< x 0)');
  assert.is(e.arms[2].pattern.kind, 'POr');
  assert.is(e.arms[2].body.kind, 'Block');
  const f = expr('match s { Shape::Circle(r) => r * r, Shape::Rect { w, h } => w * h, Shape::Dot => 0.0 }');
  assert.equal(f.arms.map(a => a.pattern.kind), ['PVariant', 'PStruct', 'PPath']);
  assert.is(expr('match p { Point { x, .. } => x }').arms[0].pattern.rest, true);
  assert.is(expr('match p { Point { x: 0, y } => y, _ => 0 }').arms[0].pattern.fields[0].pat.kind, 'PLit');
});
test('patterns: literals, negative, ranges, bindings with @, tuples, arrays, wildcards', () => {
  const arms = expr(`match v {
    -1 => 0,
    1..=9 => 1,
    'a'..='z' => 2,
    n @ 10..=99 => 3,
    (a, _, 0) => 4,
    [] => 5,
    [h, ..t] => 6,
    [first, .., last] => 7,
    "s" => 8,
    true => 9,
    nil => 10,
    Some(Some(x)) => 11,
    None => 12,
    Ok(_) | Err(_) => 13,
    1.5 => 14,
  }`).arms.map(a => a.pattern);
  assert.equal(arms[0], { kind: 'PLit', value: { kind: 'int', value: -1n }, span: arms[0].span });
  assert.is(arms[1].kind, 'PRange');
  assert.is(arms[1].inclusive, true);
  assert.is(arms[2].lo.value, 'a');
  assert.is(arms[3].kind, 'PBind');
  assert.is(arms[3].sub.kind, 'PRange');
  assert.is(arms[4].elems[1].kind, 'PWild');
  assert.is(arms[5].kind, 'PArray');
  assert.equal(arms[6].rest, { index: 1, bind: 't' });
  assert.equal(arms[7].rest, { index: 1 });
  assert.is(arms[7].elems.length, 2);
  assert.is(arms[8].value.value, 's');
  assert.is(arms[9].value.value, true);
  assert.is(arms[10].value.kind, 'nil');
  assert.is(arms[11].args[0].kind, 'PVariant');
  assert.equal(arms[12].path, ['None']);
  assert.is(arms[13].alts.length, 2);
  assert.is(arms[14].value.kind, 'float');
});

// ---------------------------------------------------------------- items
test('functions: pub, generics with bounds, self receivers, return types, where', () => {
  const f = item('pub fun largest<T: PartialOrd + Copy, U>(xs: [T], n: i64) -> T { xs[0] }');
  assert.is(f.kind, 'Fun');
  assert.is(f.isPub, true);
  assert.equal(f.typeParams.map(t => [t.name, t.bounds]), [['T', ['PartialOrd', 'Copy']], ['U', []]]);
  assert.is(f.params.length, 2);
  assert.is(f.ret.name, 'T');
  assert.is(f.nameSpan.col, 9);
  assert.is(item('fn f(x) { x }').params[0].type, undefined);
  assert.is(item('fun show<T>(x: T) -> String where T: Display { "" }').typeParams[0].bounds[0], 'Display');
  const impl = item('impl P { fun a(&self) {} fun b(&mut self) {} fun c(self) {} fun d(mut self) {} fun e() {} }');
  assert.equal(impl.methods.map(m => m.self ? m.self.mutable : null), [false, true, false, true, null]);
  assert.is(item('fun f(&self, x: i64) {}').params.length, 1);
  assert.is(item('fun f() -> (i64, String) { (1, "a") }').ret.kind, 'TTuple');
  assert.is(item('fun f() -> Result<i64, String> { Ok(1) }').ret.args.length, 2);
});
test('struct: fields with or without commas, defaults, pub, inline methods, generics', () => {
  const s = item('pub struct Point<T> {\n  pub x: T,\n  y: T\n  label: String = "p"\n  fun norm(&self) -> f64 { 0.0 }\n}');
  assert.is(s.flavor, 'struct');
  assert.is(s.isPub, true);
  assert.equal(s.fields.map(f => [f.name, f.isPub]), [['x', true], ['y', false], ['label', false]]);
  assert.is(s.fields[2].default.value.value, 'p');
  assert.is(s.methods[0].name, 'norm');
  assert.equal(s.typeParams.map(t => t.name), ['T']);
  assert.equal(item('struct Pair(i64, String)').fields.map(f => f.name), ['0', '1']);
  assert.is(item('struct Unit').fields.length, 0);
  assert.is(item('struct A { x: i64, y: i64, }').fields.length, 2);
});
test('class: fields without commas, constructor without fun, methods', () => {
  const c = item('class Account {\n  owner: String\n  balance: i64\n\n  pub new(owner: String) -> Account {\n    Account { owner: owner, balance: 0 }\n  }\n  new_empty() { Account::new("") }\n  pub fun deposit(&mut self, n: i64) { self.balance += n }\n}');
  assert.is(c.flavor, 'class');
  assert.is(c.fields.length, 2);
  assert.equal(c.methods.map(m => [m.name, m.isPub, !!m.self]), [['new', true, false], ['new_empty', false, false], ['deposit', true, true]]);
});
test('enum: unit, tuple, struct variants, discriminants, generics', () => {
  const e = item('enum Shape {\n  Circle(f64),\n  Rect { w: f64, h: f64 },\n  Dot\n}');
  assert.equal(e.variants.map(v => [v.name, v.shape, v.fields.length]), [['Circle', 'tuple', 1], ['Rect', 'struct', 2], ['Dot', 'unit', 0]]);
  assert.is(e.variants[1].fields[1].name, 'h');
  assert.equal(item('enum Level { Low = 1, High = 10 }').variants.map(v => v.discriminant), [1n, 10n]);
  assert.is(item('enum Tree<T> { Leaf, Node(Box<Tree<T>>, T, Box<Tree<T>>) }').variants[1].fields.length, 3);
  assert.is(item('enum A { X, Y, }').variants.length, 2);
  assert.is(item('enum B {\n  X\n  Y\n}').variants.length, 2);
});
test('impl blocks: inherent, trait for type, generic', () => {
  const a = item('impl Rect { pub fun area(&self) -> f64 { self.w * self.h } }');
  assert.is(a.target.name, 'Rect');
  assert.is(a.trait, undefined);
  const b = item('impl Shape for Circle { fun area(&self) -> f64 { 1.0 } }');
  assert.is(b.trait, 'Shape');
  assert.is(b.target.name, 'Circle');
  const c = item('impl<T> Stack<T> {\n  fun new() -> Stack<T> { Stack { items: [] } }\n  fun push(&mut self, x: T) { self.items.push(x) }\n}');
  assert.equal(c.typeParams.map(t => t.name), ['T']);
  assert.is(c.target.args[0].name, 'T');
  assert.is(c.methods.length, 2);
});
test('trait: signatures and default methods', () => {
  const t = item('pub trait Greeter {\n  fun name(&self) -> String\n  fun greet(&self) -> String { f"hi {self.name()}" }\n  fun id(&self) -> i64;\n}');
  assert.is(t.kind, 'Trait');
  assert.is(t.isPub, true);
  assert.equal(t.methods.map(m => [m.name, !!m.body]), [['name', false], ['greet', true], ['id', false]]);
  assert.is(item('trait Named { fun title(&self) -> String }').methods.length, 1);
});
test('use, const, type alias, nested items', () => {
  assert.equal(item('use std::collections::HashMap').path, ['std', 'collections', 'HashMap']);
  const multi = ok('use std::collections::{HashMap, HashSet}').body;
  assert.equal(multi.map(s => s.item.path.join('::')), ['std::collections::HashMap', 'std::collections::HashSet']);
  const c = item('const MAX: i64 = 100');
  assert.is(c.kind, 'Const');
  assert.is(c.type.name, 'i64');
  assert.is(item('type Grid = Vec<Vec<i64>>').kind, 'TypeAlias');
  const f = item('fun outer() {\n  fun inner(x) { x }\n  inner(1)\n}');
  assert.is(f.body.stmts[0].kind, 'ItemStmt');
});
test('a top-level program mixes items and statements in source order', () => {
  const prog = ok('let a = 1\nfun f() { a }\nstruct S { x: i64 }\nprintln(f())\n');
  assert.equal(prog.body.map(s => s.kind === 'ItemStmt' ? s.item.kind : s.kind), ['Let', 'Fun', 'Struct', 'ExprStmt']);
});
test('spans: 1-based line and character column', () => {
  const prog = ok('let a = 1\n  let é = "ü"; let b = é');
  const second = prog.body[1];
  assert.is(second.span.line, 2);
  assert.is(second.span.col, 3);
  const third = prog.body[2];
  assert.is(third.span.col, 16);
  assert.is(third.init.span.col, 24);
});

// ---------------------------------------------------------------- errors and recovery
function first(src) {
  const d = errors(src);
  assert.ok(d.length > 0, `expected an error for ${JSON.stringify(src)}`);
  assert.ok(d.every(x => x.kind === 'parse'));
  return d[0];
}
test('error: keyword as a variable name is reported at the keyword, naming it', () => {
  const d = first('let x = 1\nlet while = 2\n');
  assert.equal([d.span.line, d.span.col], [2, 5]);
  assert.match(d.message, /while/);
  assert.match(first('let fun = 1').message, /fun/);
  assert.match(first('fun match() {}').message, /match/);
});
test('error: unexpected characters, unterminated strings and comments', () => {
  const d = first('let a = 1 @@ 2'.replace('@@', '$'));
  assert.equal([d.span.line, d.span.col], [1, 11]);
  assert.match(first('let s = "abc\n').message, /string/);
  assert.match(first('let s = 1 /* never\n closed').message, /comment/);
  assert.is(errors('println("abc').length, 1); // no follow-up complaint at end of file
});
test('error: integer literal followed by junk, bad escapes do not crash', () => {
  assert.ok(errors('let a = 0x').length >= 1);
  assert.ok(errors(String.raw`let a = "\u{zz}"`).length >= 1);
});
test('error recovery: several errors in one file, each at its place, no cascades', () => {
  const src = [
    'let a = ;',                         // 1: missing value
    'fun f(x y) { x }',                  // 2: missing comma
    'let ok1 = 1',
    'fun g() {',
    '  let b = 2 +',                     // 5: missing operand (found `}` on line 6)
    '}',
    'let c = [1, 2',                     // 7-8: unclosed bracket
    'let d = 3',
    'match d { 1 "one", _ => "x" }',     // 9: missing =>
    'println(ok1)',
  ].join('\n');
  const d = errors(src);
  assert.equal(d.map(x => x.span.line), [1, 2, 6, 8, 9]);
  assert.equal([d[0].span.col, d[1].span.col, d[4].span.col], [9, 9, 13]);
  assert.match(d[4].message, /=>/);
  // the program keeps what parsed
  const prog = parse(src, 't.ruchy').program;
  assert.ok(prog.body.some(s => s.kind === 'Let' && s.pattern.name === 'ok1'));
  assert.ok(prog.body.some(s => s.kind === 'ExprStmt' && s.expr.kind === 'Call' && s.expr.args[0]?.name === 'ok1'));
});
test('error recovery inside blocks continues with the next statement', () => {
  const d = errors('fun f() {\n  let a = )\n  let b = 2\n  let c = / \n  a + b\n}\nf()');
  assert.equal(d.map(x => [x.span.line, x.span.col]), [[2, 11], [4, 11]]);
});
test('error: stray else, extra closing brace, missing in, missing parameter list', () => {
  assert.equal(pos(first('if a { 1 }\nprintln(1)\nelse { 2 }')), [3, 1]);
  assert.equal(pos(first('fun f() {\n}\n}\nf()')), [3, 1]);
  assert.equal(pos(first('for x xs { }')), [1, 7]);
  assert.equal(pos(first('fun f {\n}')), [1, 7]);
  assert.equal(pos(first('let x = (1, 2')), [1, 14]);
  assert.equal(pos(first('println(f"{a")')), [1, 11]);
});
function pos(d) { return [d.span.line, d.span.col]; }

// ---------------------------------------------------------------- conformance corpus
const dirs = existsSync(CONFORMANCE) ? ['core', 'programs', 'errors'] : [];
for (const dir of dirs) {
  for (const f of readdirSync(join(CONFORMANCE, dir)).filter(f => f.endsWith('.ruchy')).sort()) {
    const n = parseInt(f, 10);
    const src = readFileSync(join(CONFORMANCE, dir, f), 'utf8');
    if (dir === 'errors' && n <= 16) {
      test(`conformance ${dir}/${f} fails to parse at the expected place`, () => {
        const lines = readFileSync(join(CONFORMANCE, dir, f.replace(/\.ruchy$/, '.stderr')), 'utf8').split('\n').map(s => s.trim()).filter(Boolean);
        const [, line, col] = lines[0].split(':');
        const d = parse(src, f).diagnostics;
        assert.ok(d.length > 0, 'expected a parse error');
        assert.is(d[0].kind, 'parse');
        assert.is(d[0].span.line, Number(line), `line of: ${d[0].message}`);
        if (col) assert.is(d[0].span.col, Number(col), `column of: ${d[0].message}`);
        for (const word of lines.slice(1)) assert.ok(d[0].message.toLowerCase().includes(word.toLowerCase()), `"${d[0].message}" should mention "${word}"`);
      });
    } else if (dir !== 'errors' || n >= 17) {
      test(`conformance ${dir}/${f} parses without diagnostics`, () => {
        const d = parse(src, f).diagnostics;
        assert.equal(d.map(x => `${x.span.line}:${x.span.col} ${x.message}`), []);
      });
    }
  }
}

test.run();
