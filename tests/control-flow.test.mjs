// Control flow and ranges: `while let`, let-else, `if let` chains, open ranges as values, slicing
// with a range value, range methods, for loops over range values / `.rev()` / `.step_by(n)` /
// `start..`, half-open range patterns. Each program runs on node:wasi with an exact expected output;
// the `while let` loop is also checked for bounded memory.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile } from '../dist/compiler.mjs';
import { runProgram } from './program-lib.mjs';

/** Compiles and runs a program: { code, out, err, mb } (mb: final linear memory in MiB). */
const run = (source) => runProgram(source, 'flow.ruchy');

/** Runs a program that must succeed and print exactly `want` (lines). */
function prints(source, want) {
  const r = run(source);
  assert.is(r.err, '');
  assert.is(r.code, 0);
  assert.is(r.out, want.map(l => l + '\n').join(''));
}

/** A compile-time diagnostic of a program that must not compile. */
function diagnostic(source) {
  const r = compile({ file: 'flow.ruchy', source });
  assert.is.not(r.exitCode, 0);
  return { code: r.exitCode, messages: r.diagnostics.map(d => d.message) };
}

// ---------------------------------------------------------------- while let
test('while let over a stack the body pushes onto: Some(x) = xs.pop() is an Option there', () => {
  prints(`let mut todo = [1, 2, 3]
let mut seen = []
while let Some(n) = todo.pop() {
    seen.push(n)
    if n == 2 { todo.push(20); todo.push(21) }
}
println(seen)
println(todo.len())
let mut names = ["ann", "bo"]
while let Some(name) = names.pop() { println(f"hi {name}") }
// elsewhere pop keeps the reference's meaning: the element, or nil when empty
let mut rest = [7]
println(rest.pop())
println(rest.pop())
`, ['[3, 2, 21, 20, 1]', '0', 'hi bo', 'hi ann', '7', 'nil']);
});

test('while let with tuple, struct, enum and Result patterns', () => {
  prints(`enum Step { Go(i64), Turn(String), Stop }
struct Pt { x: i64, y: i64 }
fun plan(i) {
    match i {
        0 | 1 => Step::Go(i + 5),
        2 => Step::Turn("left"),
        _ => Step::Stop,
    }
}
let mut i = 0
while let Step::Go(d) = plan(i) {
    println(f"go {d}")
    i += 1
}
println(plan(i))
let mut pairs = [(1, "one"), (2, "two")]
while let Some((n, word)) = pairs.pop() { println(f"{n}:{word}") }
let mut pts = [Pt { x: 1, y: 2 }, Pt { x: 10, y: 20 }]
while let Some(Pt { x, y }) = pts.pop() { println(x * y) }
fun check(s) { if s.len() > 3 { Err(f"too long: {s}") } else { Ok(s.len()) } }
let words = ["a", "bb", "cccc", "d"]
let mut k = 0
while let Ok(n) = check(words[k]) {
    println(n)
    k += 1
}
println(check(words[k]))
let mut c = 0
while let 0..=4 = c { c += 2 }
println(c)
`, ['go 5', 'go 6', 'Turn("left")', '2:two', '1:one', '200', '2', '1', '2', 'Err("too long: cccc")', '6']);
});

test('while let: break, continue, labels to an enclosing loop, return from inside', () => {
  prints(`let mut q = [1, 2, 3, 4, 5, 6]
let mut odd = 0
while let Some(x) = q.pop() {
    if x % 2 == 0 { continue }
    if x == 1 { break }
    odd += x
}
println(odd)
println(q)
let mut rounds = 0
'outer: for r in 0..10 {
    let mut inner = [r, r + 1, r + 2]
    while let Some(v) = inner.pop() {
        if v == 7 { break 'outer }
        if v % 4 == 0 { continue 'outer }
    }
    rounds += 1
}
println(rounds)
fun first_neg(xs) {
    let mut ys = xs
    while let Some(v) = ys.pop() {
        if v < 0 { return v }
    }
    0
}
println(first_neg([1, -2, 3, -4, 5]), first_neg([1, 2]))
let mut n = 0
'scan: while let Some(m) = Some(n) {
    n += 1
    for j in 0..5 {
        if m > 2 { break 'scan }
        if j > 0 { continue 'scan }
    }
}
println(n)
`, ['8', '[]', '1', '-4 0', '4']);
});

test('while let over a variable the body reassigns, and over a field popped in a &mut self method', () => {
  prints(`struct Node { val: i64, next: Option<Node> }
let list = Some(Node { val: 1, next: Some(Node { val: 2, next: Some(Node { val: 3, next: None }) }) })
let mut cur = list
let mut seen = []
while let Some(n) = cur {
    seen.push(n.val)
    cur = n.next
}
println(seen, cur)
println(list.unwrap().val)
struct Queue { items: [i64] }
impl Queue {
    fun drain(&mut self) -> i64 {
        let mut t = 0
        while let Some(x) = self.items.pop() { t = t * 10 + x }
        t
    }
}
let mut q = Queue { items: [4, 5, 6] }
println(q.drain(), q.items)
`, ['[1, 2, 3] None', '1', '654 []']);
});

test('if let ... else if let ... else chains', () => {
  prints(`fun describe(v) {
    if let Some(x) = v {
        f"some {x}"
    } else if let Ok(y) = v {
        f"ok {y}"
    } else if let Err(e) = v {
        f"err {e}"
    } else {
        "nothing"
    }
}
println(describe(Some(1)))
println(describe(Ok(2)))
println(describe(Err("bad")))
println(describe(None))
let t = (3, "x")
let label = if let (0, _) = t { "zero" } else if let (n, "x") = t { f"x{n}" } else { "other" }
println(label)
`, ['some 1', 'ok 2', 'err bad', 'nothing', 'x3']);
});

// ---------------------------------------------------------------- let-else
test('let-else binds when the pattern matches and runs the diverging else block otherwise', () => {
  prints(`fun double(v) {
    let Some(x) = v else { return -1 }
    x * 2
}
println(double(Some(21)), double(None))
let mut total = 0
for r in [Ok(1), Err("skip"), Ok(10)] {
    let Ok(v) = r else { continue }
    total += v
}
println(total)
let mut i = 0
loop {
    let Some(n) = (if i < 2 { Some(i * 100) } else { None }) else { break }
    println(n)
    i += 1
}
enum Shape { Circle { r: i64 }, Square(i64) }
fun radius(s) {
    let Shape::Circle { r } = s else { return 0 }
    r
}
println(radius(Shape::Circle { r: 4 }), radius(Shape::Square(9)))
let pair = Some(("port", 80))
let Some((name, port)) = pair else { panic!("no pair") }
println(f"{name}={port}")
`, ['42 -1', '11', '0', '100', '4 0', 'port=80']);
});

test('let-else: the else block panicking, and an else block that does not diverge is an error', () => {
  const r = run(`let v = None
let Some(x) = v else { panic!("no value") }
println(x)
`);
  assert.is(r.code, 3);
  assert.is(r.out, '');
  assert.is(r.err, 'flow.ruchy:2: panic: no value\n');
  const d = diagnostic(`fun f(v) {
    let Some(x) = v else { println("none") }
    x
}
println(f(Some(1)))
`);
  assert.is(d.code, 2);
  assert.equal(d.messages, ['the `else` block of `let ... else` must diverge (end with `return`, `break`, `continue` or `panic!`)']);
});

// ---------------------------------------------------------------- ranges as values
test('open ranges as values print as the reference shows them (nil for the missing side)', () => {
  prints(`let a = ..3
let b = 2..
let c = ..=4
let d = ..
let e = -5..-1
println(a, b, c, d, e, 0..=0)
println(f"{a}|{b}")
println([1..2, ..9])
println(a == (..3), a == (..=3), b == (2..), e == (-5..-1))
println(type_of(b))
`, ['nil..3 2..nil nil..=4 nil..nil -5..-1 0..=0', 'nil..3|2..nil', '[1..2, nil..9]', 'true false true true', 'range']);
});

test('slicing arrays and strings with a range held in a variable (negative and empty bounds too)', () => {
  prints(`let xs = [10, 20, 30, 40, 50]
let s = "añbcd"
let r = 1..3
let ri = 1..=3
println(xs[r], xs[ri], s[r], s[ri])
let head = ..2
let tail = 3..
let all = ..
println(xs[head], xs[tail], xs[all])
println(s[head], s[tail], s[all])
let last2 = -2..
let but_last = ..-1
let upto_last = ..=-1
println(xs[last2], xs[but_last], xs[upto_last], s[but_last])
let empty = 2..2
println(xs[empty], s[empty].len(), xs[5..], xs[..0])
fun pick(v, r) { v[r] }
println(pick(xs, 0..2), pick("hello", 1..))
`, ['[20, 30] [20, 30, 40] ñb ñbc', '[10, 20] [40, 50] [10, 20, 30, 40, 50]', 'añ cd añbcd',
    '[40, 50] [10, 20, 30, 40] [10, 20, 30, 40, 50] añbc', '[] 0 [] []', '[10, 20] ello']);
});

test('a slice out of bounds is a panic naming the range', () => {
  const r = run(`let xs = [1, 2, 3]
let r = 1..5
println(xs[r])
`);
  assert.is(r.code, 3);
  assert.is(r.err, 'flow.ruchy:3: panic: range 1..5 out of bounds for length 3\n');
});

test('range methods: rev, step_by, contains, is_empty, len, collect', () => {
  prints(`println((0..5).rev(), (1..=3).rev(), (3..3).rev())
println((0..10).step_by(3), (0..=10).step_by(5), (-4..4).step_by(4))
println((1..4).contains(1), (1..4).contains(4), (1..=4).contains(4), (1..4).contains(0))
println((..3).contains(-100), (..=3).contains(3), (5..).contains(1000000), (5..).contains(4), (..).contains(7))
println((2..2).is_empty(), (3..=2).is_empty(), (0..1).is_empty(), (5..).is_empty())
println((1..5).len(), (1..=5).len(), (5..1).len())
let v = (1..4).collect()
println(v, v.len())
let r = 10..13
println(r.rev()[0], r.step_by(2))
`, ['[4, 3, 2, 1, 0] [3, 2, 1] []', '[0, 3, 6, 9] [0, 5, 10] [-4, 0]', 'true false true false',
    'true true true false true', 'true true false false', '4 5 0', '[1, 2, 3] 3', '12 [10, 12]']);
});

test('range methods that need a bounded range panic on an open one', () => {
  for (const [src, msg] of [
    ['println((3..).rev())', 'cannot reverse an unbounded range'],
    ['println((..3).len())', 'len() is not defined for an unbounded range'],
    ['println((1..9).step_by(0))', 'step_by: the step must be positive'],
    ['let r = ..4\nfor i in r { println(i) }', 'cannot iterate over a range without a start'],
  ]) {
    const r = run(src + '\n');
    assert.is(r.code, 3, src);
    assert.ok(r.err.endsWith(`panic: ${msg}\n`), `${src}: ${r.err}`);
  }
});

// ---------------------------------------------------------------- for over ranges
test('for over range values, .rev(), .step_by(n) and start.. (with a break)', () => {
  prints(`fun show(label, xs) { println(label, xs) }
let r = 2..5
let mut a = []
for i in r { a.push(i) }
show("value", a)
let mut b = []
for i in (0..5).rev() { b.push(i) }
show("rev", b)
let mut c = []
for i in (0..=10).step_by(4) { c.push(i) }
show("step", c)
let mut d = []
for i in (-3..=-1).rev() { d.push(i) }
show("neg", d)
let mut e = []
for i in 10.. {
    if i > 13 { break }
    e.push(i)
}
show("open", e)
let mut f = []
for i in (0..).step_by(25) {
    if i > 100 { break }
    f.push(i)
}
show("open step", f)
let mut g = []
for i in (5..5) { g.push(i) }
for i in (3..1).rev() { g.push(i) }
let empty = 4..=3
for i in empty { g.push(i) }
show("empty", g)
let mut h = []
for i in (9223372036854775805..=9223372036854775807) { h.push(i - 9223372036854775800) }
for i in (9223372036854775800..=9223372036854775807).step_by(3) { h.push(i - 9223372036854775800) }
for i in (-9223372036854775807 - 1..-9223372036854775806).rev() { h.push(i + 9223372036854775807) }
show("edges", h)
let mut total = 0
'o: for i in (0..50).step_by(7) {
    for j in (0..i).rev() {
        if j == 3 { continue 'o }
        total += j
    }
}
println(total)
`, ['value [2, 3, 4]', 'rev [4, 3, 2, 1, 0]', 'step [0, 4, 8]', 'neg [-1, -2, -3]', 'open [10, 11, 12, 13]',
    'open step [0, 25, 50, 75, 100]', 'empty []', 'edges [5, 6, 7, 0, 3, 6, 0, -1]', '3290']);
});

test('for over ..end is a type error', () => {
  const d = diagnostic('for i in ..3 { println(i) }\n');
  assert.is(d.code, 2);
  assert.equal(d.messages, ['a range without a start (`..end`) cannot be iterated']);
});

// ---------------------------------------------------------------- patterns
test('half-open range patterns in match, if let and while let', () => {
  prints(`fun size(n) {
    match n {
        ..=-1 => "negative",
        0 => "zero",
        1..10 => "small",
        10..=99 => "medium",
        100.. => "large",
    }
}
let mut out = []
for x in [-7, 0, 9, 10, 99, 100, 123456] { out.push(size(x)) }
println(out)
fun half(c) {
    match c {
        ..'a' => "before",
        'a'..='m' => "first",
        'n'.. => "second",
    }
}
println(half("Z"), half("b"), half("q"))
let pt = (2, 1.5)
match pt {
    (..=0, _) => println("left"),
    (1.., y) => println(f"right {y}"),
}
let mut k = 0
while let ..=3 = k { k += 1 }
println(k)
if let 5.. = k { println("big") } else { println("small") }
`, ['["negative", "zero", "small", "medium", "medium", "large", "large"]', 'before first second', 'right 1.5', '4', 'small']);
});

// ---------------------------------------------------------------- labelled blocks
test('labelled blocks: break with a value leaves them; unlabelled break goes to the inner loop', () => {
  prints(`fun classify(xs) {
    'search: {
        for x in xs {
            if x < 0 { break 'search f"negative {x}" }
        }
        "all positive"
    }
}
println(classify([3, 8, -2, 5]), classify([1]))
let v = 'b: {
    if 1 > 2 { break 'b 1 }
    2
}
println(v)
let mut n = 0
'done: {
    loop {
        n += 1
        if n == 3 { break }
    }
    if n == 3 { break 'done }
    println("not reached")
}
println(n)
`, ['negative -2 all positive', '2', '3']);
  assert.equal(diagnostic("'a: {\n    continue 'a\n}\n").messages, ["`continue` cannot go to the labelled block `'a` (only to a loop)"]);
  assert.equal(diagnostic("'a: {\n    break\n}\n").messages, ['`break` outside of a loop']);
});

// ---------------------------------------------------------------- list comprehensions
test('list comprehensions: filters, several for clauses, patterns, nesting, strings', () => {
  prints(`println([x * x for x in 1..5])
println([x for x in [1, 2, 3, 4, 5, 6] if x % 2 == 0])
println([(x, y) for x in 0..3 for y in 0..2])
println([(a, b) for a in 1..4 if a > 1 for b in 0..a if b % 2 == 1])
let words = ["apple", "kiwi", "banana"]
println([w.len() for w in words if w != "kiwi"])
println([[y for y in 0..x] for x in 0..4])
println([name for (name, n) in [("a", 1), ("b", 2)] if n > 1])
let none = [x for x in 0..0]
println(none, none.len())
println([f"{c}!" for c in "héy"])
fun squares(n) { [i * i for i in (0..n).rev()] }
println(squares(4).len(), squares(4))
`, ['[1, 4, 9, 16]', '[2, 4, 6]', '[(0, 0), (0, 1), (1, 0), (1, 1), (2, 0), (2, 1)]', '[(2, 1), (3, 1)]', '[5, 6]',
    '[[], [0], [0, 1], [0, 1, 2]]', '["b"]', '[] 0', '["h!", "é!", "y!"]', '4 [9, 4, 1, 0]']);
});

// ---------------------------------------------------------------- memory
test('while let in a loop of a million iterations releases each scrutinee: memory stays bounded', () => {
  const { out, mb, code } = run(`fun next_chunk(i) {
    if i % 1000 == 999 { None } else { Some([f"v{i}", "w"]) }
}
fun size(i) {
    let Some(xs) = next_chunk(i) else { return 0 }
    xs.len()
}
let mut total = 0
let mut round = 0
while round < 1000 {
    let mut i = round * 1000
    while let Some(xs) = next_chunk(i) {
        total += xs[0].len() + xs.len()
        i += 1
        if i % 7 == 0 { continue }
    }
    let mut stack = [f"a{round}", f"b{round}", "c"]
    while let Some(s) = stack.pop() { total += s.len() }
    let r = 0..round
    total += [1, 2, 3, 4][r.rev().len() % 3..].len() + size(round)
    total += [s.len() for s in [f"x{round}", "y"] if s != "y"][0] - f"x{round}".len()
    round += 1
}
println(total)
`);
  assert.is(code, 0);
  let want = 0;
  for (let round = 0; round < 1000; round++) {
    for (let i = round * 1000; i % 1000 !== 999; i++) want += `v${i}`.length + 2;
    want += `a${round}`.length + `b${round}`.length + 1;
    want += 4 - (round % 3) + (round % 1000 === 999 ? 0 : 2);
  }
  assert.is(out, `${want}\n`);
  assert.ok(mb < 4, `memory grew to ${mb} MiB`);
});

test.run();
