// Memory management around higher-order methods (map / filter / reduce / fold / any / all / find /
// position / flat_map / each on iterables, the Option / Result combinators) and closure calls:
// the results they build are owned by their consumers, and the closures, receivers, elements and
// closure results they use along the way are released. Each test runs a real program on node:wasi
// and checks the exact output (nothing freed too early) and the final memory size (nothing kept).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { run } from './program-lib.mjs';

test('every iterable higher-order method with capturing closures, 100,000 rounds: memory stays under 2 MiB', () => {
  const { out, mb } = run(`fun round(xs, k) {
    let ys = xs.map(|x| x * k + 1)
    let zs = ys.filter(|y| y % 3 != k % 3)
    let s = zs.reduce(0, |acc, z| acc + z + k)
    let f = xs.fold(k, |acc, x| acc * 31 % 1000003 + x)
    let a = if xs.any(|x| x == k % 10) { 1 } else { 0 }
    let b = if xs.all(|x| x < k + 10) { 1 } else { 0 }
    let found = xs.find(|x| x > k % 10)
    let fv = if found == nil { 0 } else { found }
    let p = xs.position(|x| x * 2 > k % 20).unwrap_or(-1)
    let fm = xs.flat_map(|x| [x, x + k]).len()
    let mut seen = 0
    xs.each(|x| { seen = seen + x })
    s + f + a + b + fv + p + fm + seen
}
let xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
let mut total = 0
let mut k = 0
while k < 100000 {
    total = (total + round(xs, k)) % 1000000007
    k += 1
}
println(total)
`);
  const xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  let total = 0;
  for (let k = 0; k < 100000; k++) {
    const s = xs.map(x => x * k + 1).filter(y => y % 3 !== k % 3).reduce((a, z) => a + z + k, 0);
    const f = xs.reduce((a, x) => a * 31 % 1000003 + x, k);
    const a = xs.some(x => x === k % 10) ? 1 : 0, b = xs.every(x => x < k + 10) ? 1 : 0;
    const fv = xs.find(x => x > k % 10) ?? 0, p = xs.findIndex(x => x * 2 > k % 20);
    total = (total + s + f + a + b + fv + p + 20 + 45) % 1000000007;
  }
  assert.is(out, `${total}\n`);
  assert.ok(mb < 2, `memory grew to ${mb} MiB`);
});

test('chains over strings and nested arrays (owned receivers, string accumulators, nested closures), 100,000 rounds', () => {
  const { out, mb } = run(`fun words(i) {
    let tag = f"w{i % 10}"
    let ws = [tag, "bb", "ccc", tag + "!"]
    let joined = ws.filter(|w| w.len() > 2).map(|w| w + tag).reduce("", |acc, w| acc + w)
    let grid = [[i, 1], [2, i % 3]].map(|row| row.map(|x| x + i % 7).filter(|x| x > 2))
    let inner = grid.flat_map(|row| row).fold(0, |a, b| a + b)
    let hit = ws.find(|w| w.len() == 3)
    joined.len() + inner + hit.len()
}
let mut total = 0
let mut i = 0
while i < 100000 {
    total += words(i)
    i += 1
}
println(total)
`);
  let total = 0;
  for (let i = 0; i < 100000; i++) {
    const tag = `w${i % 10}`;
    const ws = [tag, 'bb', 'ccc', tag + '!'];
    const joined = ws.filter(w => w.length > 2).map(w => w + tag).join('');
    const grid = [[i, 1], [2, i % 3]].map(r => r.map(x => x + i % 7).filter(x => x > 2));
    total += joined.length + grid.flat().reduce((a, b) => a + b, 0) + 3;
  }
  assert.is(out, `${total}\n`);
  assert.ok(mb < 2, `memory grew to ${mb} MiB`);
});

test('Option / Result combinators with capturing closures, 200,000 rounds: memory stays under 2 MiB', () => {
  const { out, mb } = run(`fun parse_even(n) {
    if n % 2 == 0 { Ok(n / 2) } else { Err(f"odd {n}") }
}
fun half(n) {
    if n % 2 == 0 { Some(n / 2) } else { None }
}
fun step(i, k) {
    let a = half(i).map(|v| v + k).unwrap_or(0)
    let b = half(i).and_then(|v| half(v + k)).unwrap_or_else(|| k)
    let c = half(i).or(Some(k)).unwrap()
    let d = half(i).or_else(|| Some(k * 2)).unwrap()
    let e = parse_even(i).map_err(|m| m.len() + k).unwrap_or_else(|n| n)
    let f = parse_even(i).ok().map(|v| v * k).unwrap_or(1)
    let g = match parse_even(i).err() { Some(m) => m.len(), None => 0 }
    let h = parse_even(i).and_then(|v| parse_even(v + k)).map(|v| f"{v}-{k}").unwrap_or("none".to_string()).len()
    let s = if half(i).is_some() { 1 } else { 0 }
    a + b + c + d + e + f + g + h + s
}
let mut total = 0
let mut i = 0
while i < 200000 {
    total = (total + step(i, i % 13)) % 1000000007
    i += 1
}
println(total)
`);
  const half = n => (n % 2 === 0 ? n / 2 : null);
  const pe = n => (n % 2 === 0 ? { ok: n / 2 } : { err: `odd ${n}` });
  let total = 0;
  for (let i = 0; i < 200000; i++) {
    const k = i % 13, h = half(i), p = pe(i);
    const a = h !== null ? h + k : 0;
    const b = h === null ? k : (half(h + k) ?? k);
    const c = h ?? k, d = h ?? k * 2;
    const e = 'ok' in p ? p.ok : p.err.length + k;
    const f = 'ok' in p ? p.ok * k : 1;
    const g = 'err' in p ? p.err.length : 0;
    const q = 'ok' in p ? pe(p.ok + k) : null;
    const hh = q && 'ok' in q ? `${q.ok}-${k}`.length : 4;
    total = (total + a + b + c + d + e + f + g + hh + (h !== null ? 1 : 0)) % 1000000007;
  }
  assert.is(out, `${total}\n`);
  assert.ok(mb < 2, `memory grew to ${mb} MiB`);
});

test('dyn receivers (arrays, ranges, Options in one array) and closures made and called at once, 100,000 rounds', () => {
  const { out, mb } = run(`fun total(c) {
    c.map(|x| x * 2).filter(|x| x > 2).reduce(0, |a, b| a + b)
}
fun firsts(c) {
    let f = c.find(|x| x > 1)
    let p = c.position(|x| x > 1)
    let any = c.any(|x| x == 3)
    let all = c.all(|x| x > 0)
    f"{f} {p} {any} {all}"
}
fun make_adder(k) {
    let base = [k, k + 1]
    |x| x + base[0] + base.len()
}
let things = [[1, 2, 3], 0..4, Some(2), Ok(7), None, [1.5, 0.5]]
for t in things {
    println(t.map(|v| v * 2))
}
let seqs = [[1, 2, 3], [0, 1], 1..4, "x"]
println(total(seqs[0]), total(seqs[1]), total(seqs[2]))
println(firsts(seqs[0]), firsts(seqs[1]))
let mut n = 0
let mut acc = 0
while n < 100000 {
    let cs = [[n, n + 1, n + 2], 0..3, Some(n)]
    acc = (acc + total(cs[0]) + total(cs[1])) % 1000000007
    let b = cs[2].map(|v| v + 1).unwrap()
    acc = (acc + b + make_adder(n % 5)(1)) % 1000000007
    n += 1
}
println(acc)
`);
  const tot = a => a.map(x => 2 * x).filter(x => x > 2).reduce((s, x) => s + x, 0);
  let acc = 0;
  for (let n = 0; n < 100000; n++) acc = (acc + tot([n, n + 1, n + 2]) + tot([0, 1, 2]) + n + 1 + (1 + n % 5 + 2)) % 1000000007;
  assert.is(out, '[2, 4, 6]\n[0, 2, 4, 6]\nSome(4)\nOk(14)\nNone\n[3.0, 1.0]\n10 0 10\n2 Some(1) true true nil None false false\n'
    + `${acc}\n`);
  assert.ok(mb < 2, `memory grew to ${mb} MiB`);
});

test('the closures benchmark (100 rounds over 100,000 elements) stays under 16 MiB', () => {
  const { out, mb } = run(readFileSync(new URL('../benches/programs/closures.ruchy', import.meta.url), 'utf8'));
  assert.is(out, 'total: 71179205\n');
  // the live arrays of a round (100,000 boxed elements each) are most of it; it was 515 MiB
  assert.ok(mb < 16, `memory grew to ${mb} MiB`);
});

test('values kept by higher-order methods stay alive: pushed into an outer array, returned, captured, found', () => {
  const { out } = run(`fun make_adder(k) {
    let base = [k, k + 1]
    |x| x + base[0] + base.len()
}
fun squares(xs) {
    xs.map(|x| x * x)
}
fun labels(xs, prefix) {
    xs.map(|x| f"{prefix}{x}")
}
let mut kept = []
let mut fns = []
let mut i = 0
while i < 3000 {
    let label = f"item{i}"
    let ys = [i, i + 1].map(|x| f"{label}:{x}")
    if i % 1000 == 0 {
        kept.push(ys)
        let found = ys.find(|s| s.len() > 0)
        kept.push([found])
        fns.push(make_adder(i))
    }
    i += 1
}
println(squares([1, 2, 3]))
println(kept)
let mut outs = []
for f in fns {
    outs.push(f(1))
}
println(outs)
let words = ["a", "bb", "ccc"]
let longer = words.filter(|w| w.len() >= 2)
let picked = words.find(|w| w.len() == 3)
println(longer, picked, words)
println(words.reduce("", |acc, w| acc + w))
println([[1, 2], [3]].map(|row| row.map(|x| x * 10)))
let opt = Some([1, 2]).map(|v| v.map(|x| x + 1))
println(opt, opt.unwrap_or([]).len())
let ls = labels([1, 2], "L")
let again = ls.filter(|s| s != "L9")
println(ls, again, labels(ls, "#"))
let r = Ok("kept").map(|s| s + "!")
let e = Err("bad").map_err(|s| s + "?")
println(r, e, r.ok(), e.err())
println(make_adder(5)(100))
`);
  assert.is(out, [
    '[1, 4, 9]',
    '[["item0:0", "item0:1"], ["item0:0"], ["item1000:1000", "item1000:1001"], ["item1000:1000"], ["item2000:2000", "item2000:2001"], ["item2000:2000"]]',
    '[3, 1003, 2003]',
    '["bb", "ccc"] ccc ["a", "bb", "ccc"]',
    'abbccc',
    '[[10, 20], [30]]',
    'Some([2, 3]) 2',
    '["L1", "L2"] ["L1", "L2"] ["#L1", "#L2"]',
    'Ok("kept!") Err("bad?") Some("kept!") Some("bad?")',
    '107',
    '',
  ].join('\n'));
});

test('a closure writing to the receiver\'s variable: the method sees the elements as they were, the variable gets the writes', () => {
  const { out, mb } = run(`let mut xs = [1, 2, 3]
let ys = xs.map(|x| { xs[2] = 0; x * 10 })
println(ys, xs)
fun grow(n) {
    let mut v = [1, 2, 3]
    let w = v.filter(|x| { v.push(x + n); x != 2 })
    w.len() + v.len()
}
let mut t = 0
for i in 0..100000 { t += grow(i) }
println(t)
`);
  assert.is(out, '[10, 20, 30] [1, 2, 0]\n800000\n');
  assert.ok(mb < 2, `memory grew to ${mb} MiB`);
});

test.run();
