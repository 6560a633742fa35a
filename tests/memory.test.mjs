// Memory management: compiled code reference-counts its values (variables own what they hold,
// owned temporaries are released after use, a variable's old value is released when it is
// overwritten, a function's variables when it returns). These tests run real programs on
// node:wasi and check both the output (nothing freed too early) and the module's memory size
// (nothing kept too long).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from './program-lib.mjs';

test('10 million short strings and small arrays allocated and dropped: memory stays under 64 MB', () => {
  const { out, mb } = run(`fun label(i) {
    let s = f"item-{i}"
    s.len()
}
let mut i = 0
let mut total = 0
while i < 10000000 {
    let s = "k" + i.to_string()
    let a = [i, i + 1, i + 2]
    let words = [s, "x"]
    total += s.len() + a.len() + words.len() + label(i)
    i += 1
}
println(total)
`);
  // sum over i < 10^7 of (len("k" + i) + 3 + 2 + len("item-" + i)) = 2 * digits + 11 per i
  let digits = 0;
  for (let d = 1, lo = 0; lo < 1e7; d++, lo = lo === 0 ? 10 : lo * 10) digits += d * (Math.min(1e7, lo === 0 ? 10 : lo * 10) - lo);
  assert.is(out, `${2 * digits + 11 * 1e7}\n`);
  assert.ok(mb < 64, `memory grew to ${mb} MiB`);
});

test('nested values (structs holding strings and arrays, maps) rebuilt in a loop stay bounded', () => {
  const { out, mb } = run(`struct Order { id: i64, tags: [String], note: String }
fun make(i) {
    Order { id: i, tags: [f"t{i % 7}", "x"], note: "n" + i.to_string() }
}
let mut sum = 0
let mut i = 0
while i < 300000 {
    let o = make(i)
    let mut counts = {}
    counts["a"] = o.tags.len()
    counts["b"] = o.note.len()
    let copy = o
    sum += copy.id % 10 + counts["a"] + o.tags[0].len()
    i += 1
}
println(sum)
`);
  // id % 10 sums to 45 per 10 ids; tags.len() = 2; tags[0] = "t<digit>" has length 2
  assert.is(out, `${300000 / 10 * 45 + 300000 * 4}\n`);
  assert.ok(mb < 16, `memory grew to ${mb} MiB`);
});

test('owned temporaries held by constructs are freed: match and if-let scrutinees, for-loop collections, branches mixing owned and borrowed values', () => {
  const { out, mb } = run(`fun parse(i) {
    if i % 3 == 0 { Err(f"bad {i}") } else { Ok([i, i + 1, i + 2]) }
}
fun items(i) { [f"a{i}", f"b{i}", "c"] }
fun label(i, fixed) {
    if i % 2 == 0 { fixed } else { f"odd-{i}" }
}
fun kind(i, fixed) {
    match i % 3 {
        0 => fixed,
        1 => f"one-{i}",
        _ => "two",
    }
}
fun first_ok(i) {
    for s in items(i) {
        if s.len() > 1 { return s.len() }
    }
    0
}
let fixed = "even"
let mut total = 0
let mut i = 0
while i < 400000 {
    match parse(i) {
        Ok(xs) => { total += xs.len() }
        Err(msg) => { total += msg.len() }
    }
    if let Ok(xs) = parse(i + 1) { total += xs[0] % 2 }
    for s in items(i) {
        total += s.len()
        if s == "c" { break }
    }
    let l = label(i, fixed)
    let k = kind(i, fixed)
    total += l.len() + k.len() + first_ok(i)
    i += 1
}
println(total)
`);
  // the same sum, computed here
  let want = 0;
  for (let i = 0; i < 400000; i++) {
    want += i % 3 === 0 ? `bad ${i}`.length : 3;
    if ((i + 1) % 3 !== 0) want += (i + 1) % 2;
    want += `a${i}`.length + `b${i}`.length + 1;
    want += (i % 2 === 0 ? 4 : `odd-${i}`.length) + [4, `one-${i}`.length, 3][i % 3] + `a${i}`.length;
  }
  assert.is(out, `${want}\n`);
  assert.ok(mb < 8, `memory grew to ${mb} MiB`);
});

test('the value of loop { break value } is owned by its consumer and freed with it', () => {
  const { out, mb } = run(`fun find(xs, want) {
    let mut i = 0
    loop {
        if i >= xs.len() { break "none" }
        if xs[i] == want { break f"found {want} at {i}" }
        i += 1
    }
}
let mut n = 0
let mut total = 0
while n < 300000 {
    let r = find([1, 2, 3], n % 5)
    let k = loop { break [n, n] }
    total += r.len() + k.len()
    n += 1
}
println(total)
println(find([4, 5], 5))
`);
  // n % 5 in 1..3: "found k at i" (12 chars), else "none"; k has 2 elements
  assert.is(out, `${300000 / 5 * (3 * 12 + 2 * 4) + 2 * 300000}\nfound 5 at 1\n`);
  assert.ok(mb < 8, `memory grew to ${mb} MiB`);
});

test('closures: captured variables live in cells the closures and their defining functions release', () => {
  const { out, mb } = run(`fun make_adder(n) {
    let base = [n, n]
    |x| x + base[0] + base.len()
}
fun counter() {
    let mut count = 0
    let mut log = ""
    let mut bump = |k| {
        count += k
        log = log + f"{k},"
        count
    }
    bump(1)
    bump(2)
    bump(3)
    f"{count} {log}"
}
let mut total = 0
let mut i = 0
let mut keep = []
while i < 200000 {
    let add = make_adder(i)
    total += add(1)
    let name = f"n{i}"
    let greet = |g| f"{g} {name}"
    total += greet("hi").len()
    if i % 50000 == 0 { keep.push(greet) }
    total += counter().len()
    i += 1
}
println(total)
for g in keep { println(g("bye")) }
println(counter())
`);
  let total = 0;
  for (let i = 0; i < 200000; i++) total += (1 + i + 2) + `hi n${i}`.length + '6 1,2,3,'.length;
  assert.is(out, `${total}\nbye n0\nbye n50000\nbye n100000\nbye n150000\n6 1,2,3,\n`);
  assert.ok(mb < 8, `memory grew to ${mb} MiB`);
});

test('keys computed for index assignments into maps are released (typed and dyn maps)', () => {
  const { out, mb } = run(`fun bump(m, k) {
    let mut c = m
    c[k + "!"] = c.len()
    c
}
let mut counts = HashMap::new()
let mut any = {"start": 0}
let mut i = 0
while i < 300000 {
    counts[f"k{i % 10}"] = i
    any = bump(any, f"{i % 7}")
    i += 1
}
println(counts.len(), counts["k3"], any.len(), any["6!"])
`);
  assert.is(out, '10 299993 8 8\n');
  assert.ok(mb < 2, `memory grew to ${mb} MiB`);
});

test('values shared before a release stay alive and unchanged (no early free)', () => {
  const { out } = run(`let mut keep = []
let mut i = 0
while i < 2000 {
    let s = f"v{i}"
    let t = s
    keep.push(t)
    i += 1
}
let mut acc = "a"
let mut j = 0
while j < 5 {
    acc = acc + "b"
    j += 1
}
fun pick(xs, k) { xs[k] }
let first = pick(keep, 0)
let mut copy = keep
copy[0] = "changed"
println(f"{first} {keep[0]} {copy[0]} {keep[1999]} {keep.len()} {acc}")
let pts = [(1, "one"), (2, "two")]
let mut names = []
for p in pts { names.push(p.1) }
let upper = names.map(|n| n.to_uppercase())
println(names)
println(upper)
println(pts)
`);
  assert.is(out, 'v0 v0 changed v1999 2000 abbbbb\n["one", "two"]\n["ONE", "TWO"]\n[(1, "one"), (2, "two")]\n');
});

test('a user method called on a dyn receiver: the receiver, the arguments and the result are released', () => {
  const { out, mb } = run(`struct P { x: i64 }
impl P {
    fun get(&self, k) { self.x + k.len() }
    fun tag(&self) { f"p{self.x}" }
}
struct Q { y: i64 }
impl Q {
    fun get(&self, k) { self.y }
    fun tag(&self) { "q" }
}
let mut t = 0
let mut i = 0
let mut keep = []
while i < 100000 {
    let v = if i % 2 == 0 { P { x: i } } else { Q { y: 1 } }
    let items = [v]
    t += items[0].get(f"k{i}") + items[0].tag().len()
    if i < 3 { keep.push(items[0].tag()) }
    i += 1
}
println(t, keep)
`);
  let t = 0;
  for (let i = 0; i < 100000; i++) t += i % 2 === 0 ? i + `k${i}`.length + `p${i}`.length : 2;
  assert.is(out, `${t} ["p0", "q", "p2"]\n`);
  assert.ok(mb < 2, `memory grew to ${mb} MiB`);
});

test.run();
