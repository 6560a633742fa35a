// Assertions and the panicking macros: assert!/assert_eq!/assert_ne!/debug_assert! (and their
// function forms) with and without messages, unreachable!/todo!/unimplemented!. A failing one
// panics (exit 3) with Rust's message and the line; a message is built only when it fails.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runProgram } from './program-lib.mjs';

const panics = (source) => {
  const { code, err, out } = runProgram(source, 'a.ruchy');
  assert.is(code, 3, out);
  return err;
};

test('passing assertions print nothing and cost no message', () => {
  const { code, out, err, mb } = runProgram(`let x = 4
assert!(x == 4)
assert!(x > 1, "x is {}", x)
assert_eq!(x * 2, 8)
assert_ne!(x, 5, "not {}", 5)
assert(x == 4)
assert(x == 4, "four")
assert_eq(x, 4)
debug_assert!(x != 0)
let mut i = 0
while i < 200000 {
    assert!(i >= 0, "negative {}", i)
    assert_eq!([i, i], [i, i], "pair {}", i)
    i += 1
}
println(i)
`);
  assert.is(code, 0, err);
  assert.is(out, '200000\n');
  assert.ok(mb < 4, `memory grew to ${mb} MiB`);
});

test('failing assertions: Rust messages, values shown, custom messages after them', () => {
  assert.is(panics('assert!(1 == 2)\n'), 'a.ruchy:1: panic: assertion failed\n');
  assert.is(panics('let x = 3\nassert!(x == 4, "x was {}", x)\n'), 'a.ruchy:2: panic: assertion failed: x was 3\n');
  assert.is(panics('assert_eq!([1, 2], [1, 3])\n'), 'a.ruchy:1: panic: assertion `left == right` failed\n  left: [1, 2]\n right: [1, 3]\n');
  assert.is(panics('let s = "a"\nassert_eq!(s, "b", "at step {}", 7)\n'),
    'a.ruchy:2: panic: assertion `left == right` failed: at step 7\n  left: "a"\n right: "b"\n');
  assert.is(panics('assert_ne!(2, 2, "same")\n'), 'a.ruchy:1: panic: assertion `left != right` failed: same\n  left: 2\n right: 2\n');
  assert.is(panics('assert_eq(1, 2)\n'), 'a.ruchy:1: panic: assertion `left == right` failed\n  left: 1\n right: 2\n');
});

test('unreachable!, todo!, unimplemented! panic with their messages', () => {
  const prog = (call) => `fun pick(n) {
    match n {
        0 => "zero",
        1 => todo!(),
        2 => unimplemented!("two {}", n),
        _ => unreachable!("n was {}", n),
    }
}
println(pick(0))
println(${call})
`;
  assert.is(panics(prog('pick(1)')), 'a.ruchy:4: panic: not yet implemented\n');
  assert.is(panics(prog('pick(2)')), 'a.ruchy:5: panic: not implemented: two 2\n');
  assert.is(panics(prog('pick(9)')), 'a.ruchy:6: panic: internal error: entered unreachable code: n was 9\n');
  assert.is(panics('fun f() -> i64 { unreachable!() }\nprintln(f())\n'), 'a.ruchy:1: panic: internal error: entered unreachable code\n');
});

test.run();
