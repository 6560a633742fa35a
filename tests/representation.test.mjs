// Value representation: arrays of ints, floats and bools store their elements unboxed, struct
// fields declared i64/f64/bool live unboxed in their slots. These programs check that the
// representation never shows: arrays stay heterogeneous, values keep their kinds, copies stay
// independent, dynamic code sees the same values as typed code, and the memory is what unboxed
// storage needs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile } from '../dist/compiler.mjs';
import { runProgram } from './program-lib.mjs';

function output(source) {
  const { out, err, code } = runProgram(source);
  assert.is(code, 0, err);
  return out;
}

test('typed arrays stay values of any kind: pushes of other kinds, copies, dynamic callees', () => {
  const out = output(`fun add_any(xs, v) {
    let mut ys = xs
    ys.push(v)
    ys
}
let ints = [1, 2, 3]
let words = add_any(ints, "four")
let more = add_any(ints, 4)
let halves = add_any(ints, 0.5)
println(ints)
println(words)
println(more)
println(halves)
let mut fs = [0.5, 1.25]
fs.push(2.0)
fs[0] = fs[0] + fs[2]
println(fs)
let mut bs = [true, false]
bs[1] = !bs[1]
bs.push(false)
println(bs)
let mut grown = []
for i in 0..5 { grown.push(i * i) }
grown[4] -= 6
println(grown)
println(grown.sum())
println(grown.len())
let mut grid = [[0; 3]; 2]
grid[1][2] = 7
grid[0][0] += 1
println(grid)
let copy = grid
grid[1][2] = 8
println(copy[1][2])
println(grid[1][2])
`);
  assert.is(out, `[1, 2, 3]
[1, 2, 3, "four"]
[1, 2, 3, 4]
[1, 2, 3, 0.5]
[2.5, 1.25, 2.0]
[true, true, false]
[0, 1, 4, 9, 10]
24
5
[[1, 0, 0], [0, 0, 7]]
7
8
`);
});

test('typed arrays through dynamic code: equality, sorting, slicing, methods, iteration', () => {
  const out = output(`fun describe(xs) { f"{xs.len()}:{xs}" }
let a = [3, 1, 2]
let b = [3, 1, 2]
println(a == b)
println(describe(a))
println(describe(["x"]))
println(a.sort())
println(a[1..])
println(a.contains(2))
println(a.index_of(2))
println(a.max())
println(a.reverse())
println(a.concat([0.5]))
let mut t = 0
for x in a { t = t * 10 + x }
println(t)
let m = a.map(|x| x * 2)
println(m)
println(m.filter(|x| x > 2))
let mut popped = [1.5, 2.5]
println(popped.pop())
println(popped)
`);
  assert.is(out, `true
3:[3, 1, 2]
1:[x]
[1, 2, 3]
[1, 2]
true
Some(2)
3
[2, 1, 3]
[3, 1, 2, 0.5]
312
[6, 2, 4]
[6, 4]
2.5
[1.5]
`);
});

test('struct fields of scalar types: construction, reads, updates, patterns, copies, display', () => {
  const out = output(`struct Cell { hits: i64, weight: f64, live: bool, name: String }
impl Cell {
    fun touch(&mut self) {
        self.hits += 1
        self.weight = self.weight * 1.5
        self.live = !self.live
    }
    fun score(&self) -> f64 { self.hits as f64 * self.weight }
}
let mut c = Cell { hits: 1, weight: 2.0, live: true, name: "a" }
c.touch()
let saved = c
c.touch()
println(c)
println(saved)
println(c.score())
let Cell { hits, live, .. } = c
println(f"{hits} {live}")
match saved {
    Cell { hits: 2, weight, .. } => println(f"two at {weight}"),
    _ => println("no"),
}
let mut cells = [c, saved]
cells[1].hits += 40
cells[0].name = "b"
println(cells[1].hits + cells[0].hits)
println(cells[0] == c)
println(saved.hits)
fun heavier(x) { x.weight > 3.0 }
println(heavier(c))
println(heavier(saved))
`);
  assert.is(out, `Cell {hits: 3, live: true, name: "a", weight: 4.5}
Cell {hits: 2, live: false, name: "a", weight: 3.0}
13.5
3 true
two at 3.0
45
false
2
true
false
`);
});

test('a million ints pushed into an array take unboxed room (8 bytes each)', () => {
  const { out, mb, code } = runProgram(`let mut xs = []
let mut i = 0
while i < 1000000 {
    xs.push(i)
    i += 1
}
let mut s = 0
for x in xs { s += x }
println(s)
`);
  assert.is(code, 0);
  assert.is(out, '499999500000\n');
  // 8 MB of elements, at most doubled while growing; boxed elements would need over 24 MB
  assert.ok(mb < 20, `memory grew to ${mb} MiB`);
});

test('the IR of typed array and struct code has no boxing on the element path', () => {
  const r = compile({ file: 'ir.ruchy', emit: 'ir', source: `struct V { x: f64, y: f64 }
fun total(xs: [i64]) -> i64 {
    let mut s = 0
    for i in 0..xs.len() { s += xs[i] }
    s
}
fun len2(v: V) -> f64 { v.x * v.x + v.y * v.y }
println(total([1, 2, 3]))
println(len2(V { x: 3.0, y: 4.0 }))
` });
  assert.is(r.exitCode, 0, JSON.stringify(r.diagnostics));
  const fn = name => { const s = r.text.indexOf(`fn ${name}#`); return r.text.slice(s, r.text.indexOf('\nfn ', s + 1)); };
  assert.match(fn('total'), /rt_arr_get_i64/);
  assert.not.match(fn('total'), /rt_box|rt_unbox|rt_take/);
  assert.not.match(fn('len2'), /rt_box|rt_unbox|rt_take/);
  assert.match(r.text, /rt_arr_new -> i32\n\s+i32\.const 1\n/);
});

test.run();
