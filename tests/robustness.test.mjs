// Bad input never crashes the compiler: mutated versions of real programs (a token deleted,
// inserted, replaced, or the file cut short) must give located diagnostics or a module that
// validates — never an exception out of compile(). The programs are the examples and, when
// ../shared exists, the conformance corpus; the mutations are deterministic (seeded).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../dist/compiler.mjs';
import { runProgram } from './program-lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dirs = ['examples', 'examples/node-lib', 'examples/wasi-tool', 'examples/browser', 'examples/worker',
  '../shared/conformance/core', '../shared/conformance/programs'].map(d => join(root, d)).filter(existsSync);
const sources = dirs.flatMap(d => readdirSync(d).filter(f => f.endsWith('.ruchy')).map(f => readFileSync(join(d, f), 'utf8')));

/** [start, end) of each token (comments, f-strings and strings whole), so mutations keep the layout */
const tokens = s => [...s.matchAll(/\/\/[^\n]*|f?"(?:[^"\\\n]|\\.)*"|[A-Za-z_][A-Za-z0-9_]*|\d+(\.\d+)?|\S/g)].map(m => [m.index, m.index + m[0].length]);
const inserts = ['{', '}', '(', ')', '[', ']', ',', ':', '::', '.', '..', '=', '==', '+', '*', '?', '|', '&', '!',
  'let', 'mut', 'fun', 'if', 'else', 'match', 'for', 'in', 'while', 'return', 'break', '=>', '->', '"s"',
  'f"{x}"', '0', '1.5', 'x', 'self', 'Some', 'None', 'struct', 'enum', 'impl', '9223372036854775808'];

test('mutated programs give diagnostics with spans or valid modules, never an exception', () => {
  assert.ok(sources.length >= 5);
  let seed = 20261202;
  const rnd = n => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const outcomes = { ok: 0, rejected: 0 };
  for (let k = 0; k < 240; k++) {
    const src = sources[rnd(sources.length)], t = tokens(src);
    const [a, b] = t[rnd(t.length)], mode = rnd(4);
    const other = t[rnd(t.length)];
    const source = mode === 0 ? src.slice(0, a) + src.slice(b)
      : mode === 1 ? src.slice(0, a) + inserts[rnd(inserts.length)] + ' ' + src.slice(a)
      : mode === 2 ? src.slice(0, a) + src.slice(other[0], other[1]) + src.slice(b)
      : src.slice(0, a);
    let r;
    try {
      r = compile({ file: 'm.ruchy', source, optimize: 0 });
    } catch (e) {
      assert.unreachable(`compile() threw ${e.message}\n--- source:\n${source}`);
    }
    if (r.exitCode === 0) {
      assert.ok(WebAssembly.validate(r.wasm), `invalid module for:\n${source}`);
      outcomes.ok++;
    } else {
      assert.ok(r.diagnostics.length > 0, 'a failing compile says why');
      for (const d of r.diagnostics) assert.ok(d.span && d.span.line >= 1 && d.span.col >= 1, `located: ${d.message}`);
      assert.ok([1, 2, 6].includes(r.exitCode), `exit code ${r.exitCode}`);
      outcomes.rejected++;
    }
  }
  // the mutations must exercise both paths
  assert.ok(outcomes.ok > 10 && outcomes.rejected > 100, JSON.stringify(outcomes));
});

test('inputs the mutations found: a missing closure argument, code over an array that is always empty', () => {
  const noArg = compile({ file: 'a.ruchy', source: 'let xs = [1, 2]\nprintln(xs.map())\n' });
  assert.is(noArg.exitCode, 2);
  assert.match(noArg.diagnostics[0].message, 'method `map` takes 1 argument but 0 were supplied');
  assert.is(noArg.diagnostics[0].span.line, 2);
  // every element read of [] has type never: the module must still validate and panic cleanly
  const { code, err } = runProgram(`fun lowest(values) {
    let mut lo = values[0]
    for v in values { if v < lo { lo = v } }
    lo
}
println(lowest([]))
`, 'empty.ruchy');
  assert.is(code, 3);
  assert.match(err, 'empty.ruchy:2: panic: index out of bounds: the len is 0 but the index is 0');
});

test('if let without else and a bare return give nil where a value is expected', () => {
  const { out, code, err } = runProgram(`let r = Ok(3)
if let Ok(v) = r {
    (f"unused {v}")
}
let x = if let Ok(v) = r { f"got {v}" }
let y = if let Err(v) = r { v }
println(x, y)
fun first_negative(values) {
    for v in values {
        if v < 0 { return }
    }
    return -1
}
println(first_negative([1, -2]), first_negative([1]))
`);
  assert.is(code, 0, err);
  assert.is(out, 'got 3 nil\nnil -1\n');
});

test.run();
