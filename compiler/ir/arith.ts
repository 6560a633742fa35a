// Helper functions every module gets: checked i64 arithmetic (overflow and division by zero are
// panics with the Ruchy source line) and the call-depth guard that turns runaway recursion into a
// clean "stack overflow" panic. Binaryen inlines them.
import type { IR, IRFunc } from './ir.ts';
import { i32, i64, call } from './values.ts';

/** Deep enough for 10,000 nested Ruchy calls with room to spare; the host runs with a large stack. */
export const MAX_DEPTH = 200_000;

const get = (local: number, vt: 'i32' | 'i64'): IR => ({ op: 'get', local, vt });
const bin = (w: string, a: IR, b: IR, vt: 'i32' | 'i64'): IR => ({ op: 'bin', w, a, b, vt });
const ifPanic = (cond: IR, panic: IR): IR => ({ op: 'if', cond, then: panic, vt: 'none' });

function fn(name: string, body: IR[], result: IR): IRFunc {
  return {
    name, params: ['i64', 'i64', 'i32'], result: 'i64',
    locals: [{ name: 'a', vt: 'i64' }, { name: 'b', vt: 'i64' }, { name: 'line', vt: 'i32' }, { name: 'r', vt: 'i64' }],
    body: { op: 'block', body: [...body, result], vt: 'i64' }, line: 0,
  };
}

export function arithHelpers(): IRFunc[] {
  const a = get(0, 'i64'), b = get(1, 'i64'), line = get(2, 'i32'), r = get(3, 'i64');
  const setR = (v: IR): IR => ({ op: 'set', local: 3, value: v });
  const overflow = call('rt_panic_overflow', [line], 'none');
  const neg = (x: IR): IR => bin('i64.lt_s', x, i64(0n), 'i32');
  const MIN = i64(-(1n << 63n));
  const divZero = (rem: number) => call('rt_panic_div_zero', [line, i32(rem)], 'none');
  return [
    fn('__add', [setR(bin('i64.add', a, b, 'i64')),
      ifPanic(neg(bin('i64.and', bin('i64.xor', a, r, 'i64'), bin('i64.xor', b, r, 'i64'), 'i64')), overflow)], r),
    fn('__sub', [setR(bin('i64.sub', a, b, 'i64')),
      ifPanic(neg(bin('i64.and', bin('i64.xor', a, b, 'i64'), bin('i64.xor', a, r, 'i64'), 'i64')), overflow)], r),
    // overflow iff r / a != b; the division must not run for a == 0 (trap) nor for a == -1
    // (MIN / -1 traps), where overflow means b == MIN
    // operands that both fit in 32 bits cannot overflow: that common case skips the division
    fn('__mul', [setR(bin('i64.mul', a, b, 'i64')),
      { op: 'if', vt: 'none', cond: bin('i64.ne', bin('i64.shr_u', bin('i64.or', bin('i64.add', a, i64(1n << 31n), 'i64'), bin('i64.add', b, i64(1n << 31n), 'i64'), 'i64'), i64(32n), 'i64'), i64(0n), 'i32'),
        then: { op: 'if', cond: bin('i64.ne', a, i64(0n), 'i32'), vt: 'none',
        then: { op: 'if', cond: bin('i64.eq', a, i64(-1n), 'i32'), vt: 'none',
          then: ifPanic(bin('i64.eq', b, MIN, 'i32'), overflow),
          else: ifPanic(bin('i64.ne', bin('i64.div_s', r, a, 'i64'), b, 'i32'), overflow) } } }], r),
    fn('__div', [ifPanic(bin('i64.eq', b, i64(0n), 'i32'), divZero(0)),
      ifPanic(bin('i32.and', bin('i64.eq', a, MIN, 'i32'), bin('i64.eq', b, i64(-1n), 'i32'), 'i32'), overflow)],
      bin('i64.div_s', a, b, 'i64')),
    fn('__rem', [ifPanic(bin('i64.eq', b, i64(0n), 'i32'), divZero(1)),
      ifPanic(bin('i64.eq', b, i64(-1n), 'i32'), { op: 'return', value: i64(0n) })],
      bin('i64.rem_s', a, b, 'i64')),
    {
      name: '__enter', params: ['i32'], result: 'none', locals: [{ name: 'line', vt: 'i32' }], line: 0,
      body: {
        op: 'block', vt: 'none', body: [
          { op: 'gset', name: '__depth', value: bin('i32.add', { op: 'gget', name: '__depth', vt: 'i32' }, i32(1), 'i32') },
          ifPanic(bin('i32.gt_u', { op: 'gget', name: '__depth', vt: 'i32' }, i32(MAX_DEPTH), 'i32'), call('rt_panic_stack', [get(0, 'i32')], 'none')),
        ],
      },
    },
    {
      name: '__leave', params: [], result: 'none', locals: [], line: 0,
      body: { op: 'gset', name: '__depth', value: bin('i32.sub', { op: 'gget', name: '__depth', vt: 'i32' }, i32(1), 'i32') },
    },
  ];
}

const MAX = (1n << 63n) - 1n, MIN = -(1n << 63n);
const constOf = (x: IR): bigint | undefined => x.op === 'const' && x.vt === 'i64' ? BigInt(x.value) : undefined;

/**
 * Checked i64 `a op b` (op one of + - * / %). With a constant operand the overflow check is one
 * comparison against bounds computed here (or none: `x / 7` cannot overflow); otherwise a call of
 * the helper. `local` gives a fresh i64 local for the other operand.
 */
export function checkedInt(op: string, a: IR, b: IR, line: number, local: () => number): IR {
  const helper = (): IR => call({ '+': '__add', '-': '__sub', '*': '__mul', '/': '__div', '%': '__rem' }[op]!, [a, b, i32(line)], 'i64');
  const ca = constOf(a), cb = constOf(b);
  const commutes = op === '+' || op === '*';
  const c = cb ?? (commutes ? ca : undefined);
  if (c === undefined || (ca !== undefined && cb !== undefined)) return helper();
  const x = cb !== undefined ? a : b;
  const t = local();
  const guarded = (lo: bigint | undefined, hi: bigint | undefined, value: IR): IR => {
    const checks: IR[] = [];
    if (lo !== undefined) checks.push(bin('i64.lt_s', get(t, 'i64'), i64(lo), 'i32'));
    if (hi !== undefined) checks.push(bin('i64.gt_s', get(t, 'i64'), i64(hi), 'i32'));
    const cond = checks.length === 2 ? bin('i32.or', checks[0], checks[1], 'i32') : checks[0];
    return { op: 'block', vt: 'i64', body: [{ op: 'set', local: t, value: x }, ...(cond ? [ifPanic(cond, call('rt_panic_overflow', [i32(line)], 'none'))] : []), value] };
  };
  const tx = get(t, 'i64');
  switch (op) {
    case '+': return c === 0n ? x : guarded(c < 0n ? MIN - c : undefined, c > 0n ? MAX - c : undefined, bin('i64.add', tx, i64(c), 'i64'));
    case '-': return c === 0n ? x : guarded(c > 0n ? MIN + c : undefined, c < 0n ? MAX + c : undefined, bin('i64.sub', tx, i64(c), 'i64'));
    case '*': {
      if (c === 1n) return x;
      if (c === 0n || c === -1n) return helper();
      const p = MAX / c, q = MIN / c; // BigInt division truncates: the exact bounds of x
      return guarded(p < q ? p : q, p < q ? q : p, bin('i64.mul', tx, i64(c), 'i64'));
    }
    case '/': case '%':
      if (c === 0n || c === -1n) return helper();
      return guarded(undefined, undefined, bin(op === '/' ? 'i64.div_s' : 'i64.rem_s', tx, i64(c), 'i64'));
  }
  return helper();
}
