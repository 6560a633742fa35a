// The reference interpreter's free-function forms of array operations: reverse(xs) (also of a
// string), sort(xs), enumerate(xs), zip(a, b). Each returns a new value and leaves its argument as
// it was; a dyn argument is checked at run time. Programs run on node:wasi with exact outputs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from './program-lib.mjs';

test('statically typed arguments', () => {
  const { out } = run(`let xs = [3, 1, 2]
println(reverse(xs), sort(xs), xs)
println(reverse("añb"), sort(["pear", "fig", "apple"]), sort([2.5, -1.0, 2.25]))
println(enumerate(["a", "b"]), enumerate([]))
println(zip([1, 2, 3], ["x", "y"]), zip([true], [1.5, 2.5]))
for (i, w) in enumerate(["zero", "one"]) {
    println(f"{i}={w}")
}
let total = zip([1, 2, 3], [10, 20, 30]).map(|p| p.0 * p.1).reduce(0, |a, b| a + b)
println(total)
`);
  assert.is(out, [
    '[2, 1, 3] [1, 2, 3] [3, 1, 2]',
    'bña ["apple", "fig", "pear"] [-1.0, 2.25, 2.5]',
    '[(0, "a"), (1, "b")] []',
    '[(1, "x"), (2, "y")] [(true, 1.5)]',
    '0=zero',
    '1=one',
    '140',
    '',
  ].join('\n'));
});

test('dyn arguments (values of varying type) are dispatched at run time', () => {
  const { out } = run(`let vals = [[5, 4, 6], "dyn", [1]]
for v in vals {
    println(reverse(v))
}
let arrs = [[2, 1], ["b", "a"], 7]
println(sort(arrs[0]), sort(arrs[1]), enumerate(arrs[1]), zip(arrs[0], arrs[1]))
fun pairs(a, b) {
    zip(a, b).len()
}
println(pairs([1, 2], [3]), pairs(arrs[0], arrs[1]))
`);
  assert.is(out, '[6, 4, 5]\nnyd\n[1]\n[1, 2] ["a", "b"] [(0, "b"), (1, "a")] [(2, "b"), (1, "a")]\n1 2\n');
});

test('user functions of the same names take precedence', () => {
  const { out } = run(`fun reverse(x) {
    f"mine {x}"
}
println(reverse([1, 2]), sort([2, 1]))
`);
  assert.is(out, 'mine [1, 2] [1, 2]\n');
});

test.run();
