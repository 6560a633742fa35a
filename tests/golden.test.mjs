// Golden tests: the IR and optimised WAT of representative programs, checked in so that a change
// to what the compiler emits shows up in review. Regenerate with `UPDATE_GOLDEN=1 node tests/golden.test.mjs`
// after checking the new output by eye. Besides the exact text, the properties that matter are
// asserted directly (e.g. fib is i64 -> i64 with no allocation and no dynamic type checks).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../dist/compiler.mjs';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

function golden(name, text) {
  const file = join(dir, name);
  if (update || !existsSync(file)) writeFileSync(file, text);
  assert.fixture(text, readFileSync(file, 'utf8'), `${name} differs from the golden file (UPDATE_GOLDEN=1 to accept)`);
}

/** The text of one function `(func $NAME ...)` from a WAT dump. */
function func(wat, name) {
  const start = wat.indexOf(`(func $${name} `);
  assert.ok(start >= 0, `function ${name} in the WAT`);
  let depth = 0;
  for (let i = start; i < wat.length; i++) {
    if (wat[i] === '(') depth++;
    else if (wat[i] === ')' && --depth === 0) return wat.slice(start, i + 1) + '\n';
  }
  throw new Error('unbalanced WAT');
}

const FIB = `fun fib(n) {
    if n < 2 { n } else { fib(n - 1) + fib(n - 2) }
}
println(fib(30))
`;

test('unannotated fib: i64 in, i64 out, no allocation, no dynamic checks (WAT at -O2)', () => {
  const r = compile({ file: 'fib.ruchy', source: FIB, emit: 'wat', optimize: 2 });
  assert.is(r.exitCode, 0);
  const f = func(r.text, 'fib#0');
  assert.match(f, /^\(func \$fib#0 \(param \$0 i64\) \(result i64\)/);
  // the only calls: itself, checked subtraction, and the panics of the cold paths
  const calls = [...f.matchAll(/\(call \$([^\s)]+)/g)].map(m => m[1]);
  for (const c of calls) assert.ok(/^(fib#0|__sub|.*rt_panic.*|.*rt_str_new|.*appendLit)$/.test(c), `unexpected call ${c}`);
  assert.not.match(f, /rt_box|rt_unbox|rt_dyn|rt_alloc|rt_retain|rt_obj/);
  // allocation happens only under the stack-overflow panic (building its message)
  const hot = f.replace(/\(then\s+\(call \$runtime-as\/assembly\/panic\/rt_panic[\s\S]*?\(i32\.const 1\)\s*\)\s*\)/, '');
  assert.not.match(hot, /rt_str_new/);
  golden('fib.wat', f);
});

test('fib IR', () => {
  const r = compile({ file: 'fib.ruchy', source: FIB, emit: 'ir' });
  assert.is(r.exitCode, 0);
  const start = r.text.indexOf('fn fib#0');
  const end = r.text.indexOf('\nfn ', start + 1);
  golden('fib.ir', r.text.slice(start, end) + '\n');
});

const STRUCTS = `struct Point { x: f64, y: f64 }
fun norm2(p) { p.x * p.x + p.y * p.y }
let pts = [Point { x: 3.0, y: 4.0 }, Point { x: 1.0, y: 1.0 }]
let mut total = 0.0
for p in pts { total += norm2(p) }
println(total)
`;

test('struct field access IR (typed instance of norm2 over Point)', () => {
  const r = compile({ file: 's.ruchy', source: STRUCTS, emit: 'ir' });
  assert.is(r.exitCode, 0);
  const start = r.text.indexOf('fn norm2#');
  const end = r.text.indexOf('\nfn ', start + 1);
  const f = r.text.slice(start, end) + '\n';
  assert.match(f, /-> f64/);
  // f64 fields live unboxed in their slots: read with f64.load, no unboxing call
  assert.match(f, /f64\.load offset=8/);
  assert.not.match(f, /rt_unbox/);
  golden('norm2.ir', f);
});

test.run();
