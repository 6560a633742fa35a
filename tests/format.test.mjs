// Format specs: Rust's `{:[[fill]align][+][#][0][width][.precision][type]}` in f-strings, in
// println / print format strings and in format!, on statically typed and dyn values, with `{}`,
// `{N}`, `{name}` and `name = value` arguments; bad specs and mismatched arguments are located
// compile errors. Programs run on node:wasi; outputs are exact.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile } from '../dist/compiler.mjs';
import { runProgram } from './program-lib.mjs';

/** Compiles and runs a program: { code, out, err, mb } (mb: final linear memory in MiB). */
const run = (source) => runProgram(source, 'fmt.ruchy');

/** The program's stdout, which must exit 0. */
function output(source) {
  const r = run(source);
  assert.is(r.code, 0, r.err);
  return r.out;
}

/** The first diagnostic of a program that must not compile: "LINE:COL: message", and the exit code. */
function failure(source) {
  const r = compile({ file: 'fmt.ruchy', source });
  assert.ok(r.exitCode !== 0, 'expected a compile error');
  const d = r.diagnostics[0];
  return { code: r.exitCode, at: `${d.span.line}:${d.span.col}`, width: d.span.end - d.span.start, message: d.message, count: r.diagnostics.length };
}

test('width, fill and alignment on ints, floats, strings and bools', () => {
  assert.is(output(`let n = 42
let s = "abc"
println(f"[{n:>8}] [{n:<5}] [{n:^7}] [{n:*^9}] [{n:6}] [{n:2}]")
println(f"[{s:>6}] [{s:<6}] [{s:^6}] [{s:.<7}] [{s:6}] [{s:1}]")
println(f"[{2.5:>7}] [{2.5:_<7}] [{true:>6}] [{false:^9}]")
`), `[      42] [42   ] [  42   ] [***42****] [    42] [42]
[   abc] [abc   ] [ abc  ] [abc....] [abc   ] [abc]
[    2.5] [2.5____] [  true] [  false  ]
`);
});

test('zero padding goes after the sign and the 0x prefix; + shows the sign of non-negatives', () => {
  assert.is(output(`let a = -42
let b = 7
println(f"[{b:05}] [{a:05}] [{a:>5}] [{b:+}] [{a:+}] [{b:+05}] [{0:+}]")
println(f"[{3.14159:08.3}] [{-2.5:07.2}] [{1.5:+}] [{1.5:+08.2}] [{-0.5:06}]")
println(f"[{255:#06x}] [{5:#010b}] [{a:<05}] [{a:^07}]")
`), `[00007] [-0042] [  -42] [+7] [-42] [+0007] [+0]
[0003.142] [-002.50] [+1.5] [+0001.50] [-000.5]
[0x00ff] [0b00000101] [-0042] [-000042]
`);
});

test('precision: decimals of a float (ints too, as the reference does), characters of a string', () => {
  assert.is(output(`let pi = 3.14159
let n = 42
let s = "truncate"
println(f"[{pi:.2}] [{pi:.0}] [{2.5:.0}] [{0.125:.2}] [{pi:8.3}] [{n:.2}] [{n:7.1}]")
println(f"[{s:.3}] [{s:.20}] [{s:>6.2}] [{s:.0}] [{true:.2}]")
`), `[3.14] [3] [2] [0.12] [   3.142] [42.00] [   42.0]
[tru] [truncate] [    tr] [] [tr]
`);
});

test('hexadecimal, octal, binary (two\'s complement for negatives, as Rust) and # prefixes', () => {
  assert.is(output(`let n = 255
let m = -1
println(f"{n:x} {n:X} {n:o} {n:b} {n:#x} {n:#X} {n:#o} {n:#b}")
println(f"{m:x} {-9223372036854775807 - 1:x} {m:o}")
println(f"{0:x} {0:#b} {n:+x} {n:>6x}|{n:<#6x}|")
`), `ff FF 377 11111111 0xff 0xFF 0o377 0b11111111
ffffffffffffffff 8000000000000000 1777777777777777777777
0 0b0 +ff     ff|0xff  |
`);
});

test('scientific notation {:e} / {:E}: shortest digits, or a precision rounded half to even', () => {
  assert.is(output(`println(f"{1500.0:e} {1.0:e} {0.0:e} {-0.00025:e} {123456789.0:E} {1e300:e} {5e-324:e}")
println(f"{1234.5:.2e} {9.995:.2e} {2.5:.0e} {3.5:.0e} {0.0:.3e} {999.9:.1e} {1e23:e}")
println(f"{42:e} {-7:E} {100:.1e} [{1.5:>10e}] [{1.5:+e}]")
`), `1.5e3 1e0 0e0 -2.5e-4 1.23456789E8 1e300 5e-324
1.23e3 9.99e0 2e0 4e0 0.000e0 1.0e3 1e23
4.2e1 -7E0 1.0e2 [     1.5e0] [+1.5e0]
`);
});

test('{:?}: strings quoted with escapes at every depth, other values as displayed', () => {
  assert.is(output(`struct Pet { name: String, age: i64 }
let words = ["a", "say \\"hi\\"", "tab\\tnew\\nline", "back\\\\slash"]
println(f"{words:?}")
println(f"{\\"plain\\":?} {42:?} {2.0:?} {true:?} {nil:?}")
let p = Pet { name: "Rex", age: 3 }
println("{:?} / {}", p, p)
println("{:?} {:?} {:?}", Some("x"), (1, "two"), "\\u{1}\\u{1b}")
let mut m = HashMap::new()
m.insert("key", "value")
println("{:?} {}", m, m)
println(f"[{\\"ab\\":>6?}] [{7:<4?}]")
`), `["a", "say \\"hi\\"", "tab\\tnew\\nline", "back\\\\slash"]
"plain" 42 2.0 true nil
Pet {age: 3, name: "Rex"} / Pet {age: 3, name: "Rex"}
Some("x") (1, "two") "\\u{1}\\u{1b}"
{"key": "value"} {key: "value"}
[  "ab"] [7   ]
`);
});

test('{:#?}: pretty debug, one element a line with trailing commas, four spaces a level', () => {
  assert.is(output(`struct Pet { name: String, age: i64 }
let p = Pet { name: "Rex, {the} [dog]", age: 3 }
println("{:#?}", p)
println("{:#?}", [[1, 2], []])
println(f"{Some(\\"a, b\\"):#?} {5:#?} {\\"s\\":#?} {nil:#?}")
let mut m = HashMap::new()
m.insert("k", [(1, 2.5)])
println("{:#?}", m)
`), `Pet {
    age: 3,
    name: "Rex, {the} [dog]",
}
[
    [
        1,
        2,
    ],
    [],
]
Some(
    "a, b",
) 5 "s" nil
{
    "k": [
        (
            1,
            2.5,
        ),
    ],
}
`);
});

test('widths and precisions count characters (code points), not bytes; fill may be any character', () => {
  assert.is(output(`let w = "日本"
let e = "café"
println(f"[{w:>6}] [{w:-^6}] [{e:<6}] [{e:.3}] [{\\"日本語テキスト\\":.3}] [{1:é>4}] [{w:🙂^6}]")
println("[{:>5}] [{:.1}]", "ñ", "ñu")
`), `[    日本] [--日本--] [café  ] [caf] [日本語] [ééé1] [🙂🙂日本🙂🙂]
[    ñ] [ñ]
`);
});

test('dyn values (a type that varies) take the same specs, checked at run time', () => {
  assert.is(output(`fun pick(i) {
    if i == 0 { 42 } else if i == 1 { "text" } else if i == 2 { -2.5 } else { [1, 2] }
}
for i in 0..4 {
    let v = pick(i)
    println(f"[{v:>7}] [{v:<7?}] [{v:^+9}] [{v:07}] [{v:.2}]")
}
let n = pick(0)
println(f"{n:#x} {n:b} {n:e} {n:08.2}")
`), `[     42] [42     ] [   +42   ] [0000042] [42.00]
[   text] ["text" ] [  text   ] [text   ] [te]
[   -2.5] [-2.5   ] [  -2.5   ] [-0002.5] [-2.50]
[ [1, 2]] [[1, 2] ] [ [1, 2]  ] [[1, 2] ] [[1, 2]]
0x2a 101010 4.2e1 00042.00
`);
  const r = run(`fun pick(i) { if i == 0 { 1.5 } else { "s" } }
let v = pick(0)
println(f"{v:x}")
`);
  assert.is(r.code, 3);
  assert.match(r.err, /fmt\.ruchy:3: panic: format spec needs an integer, found a float/);
});

test('NaN and infinities', () => {
  assert.is(output(`let nan = 0.0 / 0.0
let inf = 1.0 / 0.0
println(f"[{nan:>5}] [{nan:05}] [{inf:+}] [{-inf:06}] [{inf:<5}] [{nan:e}]")
`), `[  NaN] [  NaN] [+inf] [-00inf] [inf  ] [NaN]
`);
});

test('println / print format strings: {}, {N}, {name}, name = value, width and precision arguments', () => {
  assert.is(output(`let name = "Ann"
let score = 9.456
println("{} scored {:.1} ({:>6})", name, score, 3)
println("{0}-{1}-{0} {0:?}", "a", 2)
println("{name} has {score:.2}; {who} wins", who = "Bo")
println("[{:>1$}] [{:.*}] [{:w$.p$}]", 7, 5, 1.23456, 3.5, w = 8, p = 3)
print("{{literal}} {} {{}}\\n", 1)
println("{} + {} = {}", 2, 3, 5)
println("plain", "args", 3)
println("{name} stays literal alone")
`), `Ann scored 9.5 (     3)
a-2-a "a"
Ann has 9.46; Bo wins
[    7] [1.23456] [   3.500]
{literal} 1 {}
2 + 3 = 5
plain args 3
{name} stays literal alone
`);
});

test('format! returns a String; arguments are evaluated once, in order', () => {
  assert.is(output(`let mut calls = 0
fun next(c) { c + 1 }
let a = 3
let s = format!("{:08.2}|{:<4}|{}|{a}", -3.5, "ab", a * 2)
println(s)
println(s.len())
let t = format!("{1}{0}{1}", "x", "y")
println(t)
let mut log = []
fun noisy(log, v) { log.push(v); v }
let u = format!("{1} {0}", noisy(log, "first"), noisy(log, "second"))
println(u)
let e = format!("no placeholders")
println(e + "!")
let mut acc = ""
for i in 0..3 { acc += format!("{:02};", i) }
println(acc)
println(format!("{{}}") + format!("{:?}", "q"))
`), `-0003.50|ab  |6|3
17
yxy
second first
no placeholders!
00;01;02;
{}"q"
`);
});

test('println! / print! / eprintln! macros take format strings too', () => {
  const r = run(`println!("{:>4}|{:<4}|", 1, 2)
print!("{:03}\\n", 5)
eprintln!("warn {:?}", "x")
let s = format!("{}", 1)
println!("{s}{s}{}", s)
println!("{s}")
`);
  assert.is(r.code, 0);
  assert.is(r.out, '   1|2   |\n005\n111\n{s}\n');
  assert.is(r.err, 'warn "x"\n');
});

/** What the loops of the next test print, computed here. */
function expectedLoops() {
  let s = '';
  for (let i = 0; i < 200000; i++) {
    s += String(i % 7).padStart(2);
    if (s.length > 1000) s = '';
  }
  let t = 0;
  for (let j = 0; j < 200000; j++) t += `${(j * 1.5).toFixed(3).padStart(8)}|ab    |0x${j.toString(16)}`.length;
  return `[${String(s.length).padStart(5)}] [${s.slice(0, 6)}]\n${t}\n`;
}

test('s += f"…" appends formatted pieces in place; memory stays bounded', () => {
  const r = run(`let mut s = ""
let mut i = 0
while i < 200000 {
    s += f"{i % 7:>2}"
    if s.len() > 1000 { s = "" }
    i += 1
}
println(f"[{s.len():>5}] [{s:.6}]")
let mut t = 0
let mut j = 0
while j < 200000 {
    let line = format!("{:>8.3}|{:<6}|{:#x}", j * 1.5, "ab", j)
    t += line.len()
    j += 1
}
println(t)
let mut k = 0
let mut total = 0
while k < 200000 {
    let word = "w" + k.to_string()
    total += format!("{:>12}|{:?}|{word:.3}|{}", word + "!", word, [word, "x"]).len()
    k += 1
}
println(total > 0)
`);
  assert.is(r.code, 0, r.err);
  assert.is(r.out, expectedLoops() + 'true\n');
  assert.ok(r.mb < 8, `memory grew to ${r.mb} MiB`);
});

test('panic!, format() and closures take format strings; {name} sees captured variables', () => {
  const r = run(`let x = format("{:>4}|{:<3}|", 7, "ab")
println(x)
let mut c = 1
let show = || println("{c:03} {}", "now")
c = 42
show()
fun check(n) {
    if n > 2 { panic!("too big: {:>5} ({n:#x})", n) }
    n
}
println(check(1))
check(300)
`);
  assert.is(r.code, 3);
  assert.is(r.out, '   7|ab |\n042 now\n1\n');
  assert.match(r.err, /fmt\.ruchy:8: panic: too big:   300 \(0x12c\)/);
});

/** n random doubles over the whole range of exponents (finite, nonzero), deterministic. */
function randomDoubles(n) {
  let seed = 0x2545f491n;
  const next = () => (seed = (seed * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn);
  const view = new DataView(new ArrayBuffer(8));
  const out = [];
  while (out.length < n) {
    view.setBigUint64(0, next());
    const x = view.getFloat64(0);
    if (Number.isFinite(x) && x !== 0) out.push(x);
  }
  return out;
}

test('{:e} and {:.4e} of random doubles agree with JavaScript\'s toExponential (no exact ties among them)', () => {
  const xs = randomDoubles(400);
  const lit = x => x.toExponential().replace('e+', 'e');
  const src = xs.map(x => `println(f"{${lit(x)}:e} {${lit(x)}:.4E}")`).join('\n') + '\n';
  const want = xs.map(x => `${x.toExponential().replace('e+', 'e')} ${x.toExponential(4).replace('e+', 'E').replace('e-', 'E-')}`).join('\n') + '\n';
  assert.is(output(src), want);
});

test('{:x} {:o} {:b} {:+015} of random ints agree with BigInt', () => {
  let seed = 12345n;
  const vals = Array.from({ length: 200 }, () => {
    seed = (seed * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    return BigInt.asIntN(64, seed >> BigInt(Number(seed % 60n)));
  });
  const src = vals.map(v => `println("{0:x} {0:#o} {0:b} {0:+015}", ${v < 0n ? `0 - ${-v - 1n} - 1` : v})`).join('\n') + '\n';
  const u = v => BigInt.asUintN(64, v);
  const dec = v => (v < 0n ? '-' : '+') + (v < 0n ? -v : v).toString().padStart(14, '0');
  const want = vals.map(v => `${u(v).toString(16)} 0o${u(v).toString(8)} ${u(v).toString(2)} ${dec(v)}`).join('\n') + '\n';
  assert.is(output(src), want);
});

test('bad specs are located compile errors', () => {
  const cases = [
    [`let x = 1\nprintln(f"{x:q}")\n`, 1, '2:14', /unknown format type `q`/],
    [`let x = 1\nprintln(f"{x:.}")\n`, 1, '2:14', /expected a precision after `\.`/],
    [`let x = 1\nprintln(f"{x:>w$}")\n`, 1, '2:14', /in an f-string write the number/],
    [`println("{:x?}", 1)\n`, 1, '1:12', /hexadecimal debug `x\?` is not supported/],
    [`println("{:>99999999}", 1)\n`, 1, '1:13', /too large/],
    [`println("a}b {}", 1)\n`, 1, '1:11', /unmatched `}`/],
    [`let s = format!("{")\n`, 1, '1:18', /expected `}`/],
    [`println("{:x}", 1.5)\n`, 2, '1:12', /`\{:x\}` needs an integer, found f64/],
    [`let s = "a"\nprintln(f"{s:b}")\n`, 2, '2:14', /`\{:b\}` needs an integer, found String/],
    [`println(f"{true:e}")\n`, 2, '1:17', /`\{:e\}` needs a number, found bool/],
    [`println("{:w$}", 1, w = "3")\n`, 2, '1:12', /width or precision argument must be an integer, found String/],
  ];
  for (const [src, code, at, message] of cases) {
    const f = failure(src);
    assert.is(f.code, code, src);
    assert.is(f.at, at, src);
    assert.match(f.message, message, src);
    assert.is(f.count, 1, src);
  }
});

test('mismatched format arguments are located compile errors', () => {
  const cases = [
    [`println("{} {}", 1)\n`, '1:13', /more `\{\}` placeholders than the 1 argument given/],
    [`println("{}", 1, 2)\n`, '1:18', /argument never used/],
    [`println("{3}", 1)\n`, '1:10', /invalid reference to argument 3/],
    [`println("{y}", 1)\n`, '1:10', /`y` is not defined/],
    [`println("{}", x = 1)\n`, '1:10', /more `\{\}` placeholders than the 0 arguments given/],
    [`println("{a}", 1, a = 2, b = 3)\n`, '1:16', /argument never used/],
    [`let x = 1\nlet s = format!(x)\n`, '2:17', /format! needs a string literal/],
  ];
  for (const [src, at, message] of cases) {
    const f = failure(src);
    assert.is(f.code, 2, src);
    assert.is(f.at, at, src);
    assert.match(f.message, message, src);
  }
});

test.run();
