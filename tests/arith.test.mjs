// Checked i64 arithmetic: overflow is a panic, exactly at the bounds, whether an operand is a
// constant (checked inline against bounds computed by the compiler) or not (helper functions).
// Every expected value is computed here with BigInt.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runProgram } from './program-lib.mjs';

const MAX = (1n << 63n) - 1n, MIN = -(1n << 63n);
const trunc = (a, b) => a / b; // BigInt division truncates toward zero, like i64.div_s
const ops = {
  '+': (a, b) => a + b, '-': (a, b) => a - b, '*': (a, b) => a * b,
  '/': trunc, '%': (a, b) => a - trunc(a, b) * b,
};
/** [a, op, b]: each is run with b as a literal, a as a literal (+ and * only) and neither */
const cases = [
  [MAX - 7n, '+', 7n], [MAX - 7n, '+', 8n], [MIN + 7n, '+', -7n], [MIN + 7n, '+', -8n],
  [MIN + 8n, '-', 8n], [MIN + 8n, '-', 9n], [MAX - 3n, '-', -3n], [MAX - 3n, '-', -4n],
  [MAX / 3n, '*', 3n], [MAX / 3n + 1n, '*', 3n], [MIN / 3n, '*', 3n], [MIN / 3n - 1n, '*', 3n],
  [MAX / 3n, '*', -3n], [MAX / 3n + 1n, '*', -3n], [MIN / 3n, '*', -3n], [-(MIN / 3n) + 1n, '*', -3n],
  [1n << 31n, '*', (1n << 31n) - 1n], [3000000000n, '*', 3000000000n], [4000000000n, '*', 3000000000n],
  [MIN, '*', -1n], [MIN, '*', 1n], [12345n, '*', 0n], [MIN, '/', -1n], [MIN, '%', -1n],
  [-17n, '/', 5n], [-17n, '%', 5n], [17n, '%', -5n], [MIN, '/', 7n], [9n, '/', 0n], [9n, '%', 0n],
];

function expected(a, op, b) {
  if ((op === '/' || op === '%') && b === 0n) return 'panic';
  if (op === '%' && b === -1n) return '0';
  const r = ops[op](a, b);
  return r > MAX || r < MIN ? 'panic' : String(r);
}

test('results in range are exact; one past a bound panics with the line', () => {
  for (const [a, op, b] of cases) {
    const want = expected(a, op, b);
    const forms = [`id(${a}) ${op} ${b}`, `id(${a}) ${op} id(${b})`];
    if (op === '+' || op === '*') forms.push(`${b} ${op} id(${a})`);
    for (const form of forms) {
      // literals below -i64::MAX are written as (MIN + 1) - 1 through id so that they parse
      const src = `fun id(x) { x }\nlet r = ${form.replaceAll(String(MIN), `(id(${MIN + 1n}) - 1)`)}\nprintln(r)\n`;
      const { out, err, code } = runProgram(src, 'arith.ruchy');
      if (want === 'panic') {
        assert.is(code, 3, `${form}: ${out}`);
        assert.match(err, /arith\.ruchy:2: panic: (integer overflow|attempt to|division|.*zero)/i, form);
      } else {
        assert.is(code, 0, `${form}: ${err}`);
        assert.is(out, `${want}\n`, form);
      }
    }
  }
});

test.run();
