// Number <-> text in the AssemblyScript runtime (runtime-as/assembly/numfmt.ts, numparse.ts),
// checked against independent JS oracles: exact BigInt arithmetic on the binary value of each double,
// and the shortest digits of Number.prototype.toExponential() with Rust's tie rule applied.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import asc from 'assemblyscript/asc';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// ---- build and instantiate the test-only module --------------------------------------------------
const dir = mkdtempSync(join(tmpdir(), 'numfmt-'));
const wasmPath = join(dir, 'numfmt.wasm');
{
  const { error, stderr } = await asc.main([
    join(root, 'runtime-as/test/numfmt-entry.ts'),
    '--outFile', wasmPath,
    '--runtime', 'stub',
    '--optimizeLevel', '3', '--shrinkLevel', '0',
    '--noAssert',
    '--enable', 'bulk-memory',
  ], {});
  if (error) throw new Error('asc failed: ' + error.message + '\n' + String(stderr ?? ''));
}
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
  env: { abort() { throw new Error('abort called'); }, seed: () => 1 },
});
rmSync(dir, { recursive: true, force: true });
const ex = instance.exports;
const mem = ex.memory;
const BUF = mem.grow(2) * 65536; // a scratch area above everything the module uses
const IN = BUF + 65536;
const OUT = IN + 60000;
const td = new TextDecoder();
const te = new TextEncoder();
const bytes = () => new Uint8Array(mem.buffer);
const str = (n) => td.decode(new Uint8Array(mem.buffer, BUF, n));

const fmtF = (x) => str(ex.fmt_f64(BUF, x));
const fmtP = (x, p) => str(ex.fmt_f64_prec(BUF, x, p));
const fmtI = (x) => str(ex.fmt_i64(BUF, x));
function put(s) {
  const b = te.encode(s);
  bytes().set(b, IN);
  return b.length;
}
function parseF(s) {
  const n = put(s);
  const ok = ex.parse_f64(IN, n, OUT);
  return ok ? new DataView(mem.buffer).getFloat64(OUT, true) : undefined;
}
function parseI(s, trim = false) {
  const n = put(s);
  const ok = (trim ? ex.parse_i64_trim : ex.parse_i64)(IN, n, OUT);
  return ok ? new DataView(mem.buffer).getBigInt64(OUT, true) : undefined;
}

// ---- deterministic random numbers ------------------------------------------------------------------
let seed = 0x9e3779b97f4a7c15n;
function rnd64() { // xorshift64*
  seed ^= seed >> 12n; seed ^= (seed << 25n) & 0xffffffffffffffffn; seed ^= seed >> 27n;
  return (seed * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn;
}
const rnd = () => Number(rnd64() >> 11n) / 2 ** 53;
const rndInt = (n) => Math.floor(rnd() * n);
const f64buf = new DataView(new ArrayBuffer(8));
function fromBits(b) { f64buf.setBigUint64(0, b); return f64buf.getFloat64(0); }
function toBits(x) { f64buf.setFloat64(0, x); return f64buf.getBigUint64(0); }
const nextUp = (x) => (x === 0 ? 5e-324 : fromBits(toBits(x) + (x > 0 ? 1n : -1n)));
const nextDown = (x) => -nextUp(-x);

// ---- oracles -----------------------------------------------------------------------------------------
/** |x| = m * 2^e exactly (finite x) */
function decompose(x) {
  const b = toBits(x);
  const be = Number((b >> 52n) & 0x7ffn);
  const f = b & 0xfffffffffffffn;
  return be === 0 ? { m: f, e: -1074 } : { m: f | (1n << 52n), e: be - 1075 };
}
const isNeg = (x) => (toBits(x) >> 63n) === 1n;

/** Rust `{:.prec}`: exact value, rounded half-to-even, fixed notation */
function fixedOracle(x, prec) {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const { m, e } = decompose(x);
  const N = m * 10n ** BigInt(prec);
  let q;
  if (e >= 0) q = N << BigInt(e);
  else {
    const den = 1n << BigInt(-e);
    q = N / den;
    const r2 = (N % den) * 2n;
    if (r2 > den || (r2 === den && q % 2n === 1n)) q += 1n;
  }
  let s = q.toString().padStart(prec + 1, '0');
  if (prec > 0) s = s.slice(0, s.length - prec) + '.' + s.slice(s.length - prec);
  return (isNeg(x) ? '-' : '') + s;
}

/** value = 0.D * 10^k (D digits, no leading zero) laid out without exponent */
function layout(D, k) {
  D = D.replace(/0+$/, '') || '0';
  const n = D.length;
  if (k <= 0) return '0.' + '0'.repeat(-k) + D;
  if (k < n) return D.slice(0, k) + '.' + D.slice(k);
  return D + '0'.repeat(k - n) + '.0';
}

let tieCount = 0; // cases where Rust's pick differs from JavaScript's
/** Ruchy's float display: integral -> Rust {:.1}; else shortest round-trip, closest, ties up */
function displayOracle(x) {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (Number.isInteger(x)) return fixedOracle(x, 1);
  const sign = x < 0 ? '-' : '';
  const ax = Math.abs(x);
  const [mant, expS] = ax.toExponential().split('e');
  const D = mant.replace('.', '');
  const n = D.length;
  const k = Number(expS) + 1; // ax ~ 0.D * 10^k
  const q = k - n; // ax ~ C * 10^q
  const { m, e } = decompose(ax); // e < 0 for non-integral values
  const C0 = BigInt(D);
  let best = null;
  for (const C of [C0 - 1n, C0, C0 + 1n]) {
    if (C <= 0n) continue;
    const digits = C.toString();
    const kk = k + (digits.length - n);
    const text = layout(digits, kk);
    if (parseFloat(text) !== ax) continue;
    if (digits.replace(/0+$/, '').length > n) continue;
    // |m*2^e - C*10^q| in units of 2^e * 10^min(q,0)
    const X = q < 0 ? m * 10n ** BigInt(-q) : m;
    const Y = q < 0 ? C << BigInt(-e) : (C * 10n ** BigInt(q)) << BigInt(-e);
    const dist = X > Y ? X - Y : Y - X;
    if (best === null || dist < best.dist || (dist === best.dist && C > best.C)) best = { C, dist, text };
  }
  const jsText = layout(D, k);
  if (best.text !== jsText) tieCount++;
  return sign + best.text;
}

// ---- test values ------------------------------------------------------------------------------------
function randomDoubles() {
  const xs = [];
  // random bit patterns (all finite doubles, both signs)
  for (let i = 0; i < 40000; i++) {
    const x = fromBits(rnd64());
    if (Number.isFinite(x)) xs.push(x);
  }
  // random short decimals: 1..17 digits, exponent -30..30
  for (let i = 0; i < 30000; i++) {
    const nd = 1 + rndInt(17);
    let d = String(1 + rndInt(9));
    for (let j = 1; j < nd; j++) d += rndInt(10);
    xs.push(parseFloat(d + 'e' + (rndInt(61) - 30)) * (rnd() < 0.5 ? -1 : 1));
  }
  // random "everyday" values: a / b with small ints
  for (let i = 0; i < 5000; i++) xs.push((rndInt(200000) - 100000) / (1 + rndInt(1000)));
  // powers of ten and their neighbours
  for (let p = -323; p <= 308; p++) {
    const x = parseFloat('1e' + p);
    xs.push(x, nextUp(x), nextDown(x));
  }
  // powers of two and their neighbours (asymmetric rounding intervals)
  for (let p = -1074; p <= 1023; p++) {
    const x = 2 ** p;
    xs.push(x, nextUp(x), nextDown(x));
  }
  // subnormals
  for (let i = 0; i < 5000; i++) xs.push(fromBits(rnd64() & 0xfffffffffffffn));
  xs.push(5e-324, 1e-323, 2.225073858507201e-308, 2.2250738585072014e-308);
  // integers up to 2^64 and beyond
  for (let i = 0; i < 10000; i++) {
    const bitsN = 1n + (rnd64() % 64n);
    xs.push(Number(rnd64() & ((1n << bitsN) - 1n)));
  }
  xs.push(2 ** 53, 2 ** 53 + 2, 2 ** 63, 2 ** 64, -(2 ** 63), 9007199254740993, 1e21, 1e22, 1e23, 1.7976931348623157e308);
  // values whose shortest forms can tie: N + j * ulp with ulp in 1/256 .. 1/2
  for (let i = 0; i < 15000; i++) {
    const k = 44 + rndInt(9); // x in [2^k, 2^(k+1)), ulp = 2^(k-52)
    const ulp = 2 ** (k - 52);
    const N = 2 ** k + Math.floor(rnd() * 2 ** k);
    const j = 1 + rndInt(Math.max(1, 1 / ulp - 1));
    const x = N + j * ulp;
    if (!Number.isInteger(x)) xs.push(x);
  }
  xs.push(1e15 + 0.3, 0, -0);
  return xs;
}

// ---- tests --------------------------------------------------------------------------------------------
test('fmt_f64: conformance case 004 and special values, exactly', () => {
  const pinned = [
    [1.0, '1.0'], [2.5, '2.5'], [-0.75, '-0.75'], [3.0 * 2.0, '6.0'], [10.0 / 4.0, '2.5'],
    [0.1 + 0.2, '0.30000000000000004'], [1.0 / 3.0, '0.3333333333333333'], [2.0 / 3.0, '0.6666666666666666'],
    [100.0 / 7.0, '14.285714285714286'], [1e3, '1000.0'], [2.5e-3, '0.0025'], [1e15, '1000000000000000.0'],
    [1e21, '1000000000000000000000.0'], [123456789.0 * 1000.0, '123456789000.0'], [1.0 / 1024.0, '0.0009765625'],
    [0.000015, '0.000015'], [1e-7, '0.0000001'], [1e15 + 0.3, '1000000000000000.3'], [12345678.9, '12345678.9'],
    [1 / 0, 'inf'], [-1 / 0, '-inf'], [NaN, 'NaN'], [0, '0.0'], [-0, '-0.0'],
    [9223372036854775808.0, '9223372036854775808.0'], [-9223372036854775808.0, '-9223372036854775808.0'],
    [1e23, '99999999999999991611392.0'], [3.15, '3.15'], [0.001, '0.001'], [58.5, '58.5'], [20.0, '20.0'],
    [5e-324, '0.' + '0'.repeat(323) + '5'],
    [1.7976931348623157e308, BigInt(1.7976931348623157e308).toString() + '.0'],
  ];
  for (const [x, want] of pinned) assert.is(fmtF(x), want, `fmt_f64(${x})`);
});

test('fmt_f64: 100,000+ doubles against the shortest/closest/exact oracle', () => {
  const xs = randomDoubles();
  tieCount = 0;
  let bad = [];
  let roundTripBad = 0;
  for (const x of xs) {
    const got = fmtF(x);
    const want = displayOracle(x);
    if (got !== want && bad.length < 10) bad.push(`${x}: got ${got} want ${want}`);
    if (parseFloat(got) !== x) roundTripBad++;
    const bound = ex.fmt_f64_len_bound(x, -1);
    if (got.length > bound && bad.length < 10) bad.push(`${x}: length ${got.length} > bound ${bound}`);
  }
  assert.ok(xs.length >= 100000, `only ${xs.length} values`);
  assert.equal(bad, []);
  assert.is(roundTripBad, 0);
  // the tie rule (Rust rounds a shortest-digit tie up, JS does not) must have been exercised
  assert.ok(tieCount > 50, `only ${tieCount} JS/Rust tie differences exercised`);
});

test('fmt_f64_prec: Rust {:.N} pinned cases', () => {
  const pinned = [
    [0.25, 1, '0.2'], [0.35, 1, '0.3'], [1.005, 2, '1.00'], [2.5, 0, '2'], [3.5, 0, '4'], [-2.5, 0, '-2'],
    [3.14159, 0, '3'], [3.14159, 2, '3.14'], [3.14159, 4, '3.1416'], [2 / 3, 3, '0.667'], [58.5, 2, '58.50'],
    [3, 2, '3.00'], [0.125, 2, '0.12'], [0.375, 2, '0.38'], [9.995, 2, '9.99'], [99.99, 1, '100.0'],
    [9.5, 0, '10'], [0.5, 0, '0'], [1.5, 0, '2'], [-0.04, 1, '-0.0'], [-0, 2, '-0.00'], [0, 0, '0'],
    [0.1, 20, '0.10000000000000000555'], [1e21, 1, '1000000000000000000000.0'],
    [NaN, 3, 'NaN'], [Infinity, 2, 'inf'], [-Infinity, 0, '-inf'],
    [1e-7, 3, '0.000'], [0.0005, 3, '0.001'] /* 0.0005 is 0.000500000000000000010… */, [0.0625, 3, '0.062'],
  ];
  for (const [x, p, want] of pinned) assert.is(fmtP(x, p), want, `fmt_f64_prec(${x}, ${p})`);
});

test('fmt_f64_prec: 40,000+ doubles x precisions against the exact BigInt oracle', () => {
  const cases = [];
  for (let i = 0; i < 15000; i++) {
    const x = fromBits(rnd64());
    if (Number.isFinite(x)) cases.push([x, rndInt(25)]);
  }
  for (let i = 0; i < 15000; i++) cases.push([(rndInt(2000000) - 1000000) / (1 + rndInt(5000)), rndInt(12)]);
  // exact ties: odd / 2^j printed with j-1 decimals
  for (let i = 0; i < 10000; i++) {
    const j = 1 + rndInt(20);
    const x = (2 * rndInt(2 ** 30) + 1) / 2 ** j * (rnd() < 0.5 ? -1 : 1);
    cases.push([x, j - 1]);
  }
  // tiny, subnormal and huge values with long precisions
  for (let i = 0; i < 300; i++) cases.push([fromBits(rnd64() & 0x3fffffffffffffffn), rndInt(1100)]);
  for (let i = 0; i < 200; i++) cases.push([fromBits(rnd64() & 0xfffffffffffffn), 1070 + rndInt(10)]);
  for (let p = -323; p <= 308; p += 7) cases.push([parseFloat('1e' + p), 30], [parseFloat('1e' + p), 0]);
  let bad = [];
  for (const [x, p] of cases) {
    const got = fmtP(x, p);
    const want = fixedOracle(x, p);
    if (got !== want && bad.length < 10) bad.push(`(${x}, ${p}): got ${got} want ${want}`);
    const bound = ex.fmt_f64_len_bound(x, p);
    if (got.length > bound && bad.length < 10) bad.push(`(${x}, ${p}): length ${got.length} > bound ${bound}`);
  }
  assert.ok(cases.length >= 40000);
  assert.equal(bad, []);
});

test('fmt_i64', () => {
  const vals = [0n, 1n, -1n, 9n, 10n, -10n, 9223372036854775807n, -9223372036854775808n, 1234567890123456789n];
  for (let i = 0; i < 20000; i++) vals.push(BigInt.asIntN(64, rnd64() >> (rnd64() % 64n)));
  for (const v of vals) assert.is(fmtI(v), v.toString());
});

test('parse_f64: round-trips every fmt_f64 and fmt_f64_prec output', () => {
  const xs = randomDoubles().filter((_, i) => i % 2 === 0);
  let bad = [];
  for (const x of xs) {
    const s = fmtF(x);
    const y = parseF(s);
    if (!Object.is(y, x) && bad.length < 10) bad.push(`${s} -> ${y}, want ${x}`);
    const p = rndInt(30);
    const t = fmtP(x, p);
    const z = parseF(t);
    if (!Object.is(z, Number(t)) && bad.length < 10) bad.push(`${t} -> ${z}, want ${Number(t)}`);
  }
  assert.equal(bad, []);
});

test('parse_f64: random decimal strings match Number()', () => {
  let bad = [];
  const digits = (n) => { let s = ''; for (let j = 0; j < n; j++) s += rndInt(10); return s; };
  for (let i = 0; i < 40000; i++) {
    const sign = ['', '-', '+'][rndInt(3)];
    const ip = rnd() < 0.2 ? '' : digits(rndInt(rnd() < 0.1 ? 40 : 20));
    const fp = rnd() < 0.3 ? '' : digits(rndInt(rnd() < 0.1 ? 60 : 20));
    let s = sign + ip;
    if (fp || ip === '' || rnd() < 0.3) s += '.' + fp;
    if (ip === '' && fp === '') s += '0';
    if (rnd() < 0.6) s += (rnd() < 0.5 ? 'e' : 'E') + ['', '-', '+'][rndInt(3)] + rndInt(rnd() < 0.5 ? 30 : 400);
    const want = Number(s);
    const got = parseF(s);
    if (!Object.is(got, want) && bad.length < 10) bad.push(`${s}: got ${got} want ${want}`);
  }
  assert.equal(bad, []);
});

/** exact decimal text of m * 2^e (e may be negative) */
function exactDecimal(m, e) {
  if (e >= 0) return (m << BigInt(e)).toString();
  const s = (m * 5n ** BigInt(-e)).toString().padStart(-e + 1, '0');
  return s.slice(0, s.length + e) + '.' + s.slice(s.length + e);
}

test('parse_f64: exact halfway points and their neighbours (long inputs)', () => {
  let bad = [];
  const check = (s, want) => {
    const got = parseF(s);
    if (!Object.is(got, want) && bad.length < 10) bad.push(`${s.length > 80 ? s.slice(0, 40) + '…' + s.slice(-30) : s}: got ${got} want ${want}`);
  };
  const xs = [];
  for (let i = 0; i < 3000; i++) {
    const x = Math.abs(fromBits(rnd64()));
    if (Number.isFinite(x) && x < 1.7976931348623157e308) xs.push(x);
  }
  for (let i = 0; i < 1000; i++) xs.push(fromBits(rnd64() & 0xfffffffffffffn));
  for (let i = 0; i < 1000; i++) xs.push(Math.abs(parseFloat(rndInt(1e9) + 'e' + (rndInt(40) - 20))));
  xs.push(0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 1, 2 ** 53, 0.1);
  for (const x of xs) {
    const { m, e } = decompose(x);
    // midpoint between x and the next double up: (2m + 1) * 2^(e-1)
    const mid = exactDecimal(2n * m + 1n, e - 1);
    const up = x === 1.7976931348623157e308 ? Infinity : nextUp(x);
    const even = m % 2n === 0n ? x : up;
    check(mid, even);
    const midLong = mid.includes('.') ? mid : mid + '.';
    check(midLong + '0'.repeat(200) + '1', up);
    check(midLong + '000', even);
    // just below the midpoint: subtract one unit far down
    const below = midLong.replace(/\.$/, '') ;
    if (below.includes('.')) {
      // below = mid - 10^-(len+50) : ...d(5 at end) -> ...(d-1)999...
      const trimmed = below.slice(0, -1) + '4' + '9'.repeat(60);
      check(trimmed, x);
    }
  }
  assert.equal(bad, []);
});

test('parse_f64: syntax accepted like Rust f64::from_str', () => {
  const ok = [
    ['0', 0], ['-0', -0], ['+0', 0], ['1', 1], ['1.', 1], ['.5', 0.5], ['-.5', -0.5], ['1.e1', 10], ['1e5', 1e5],
    ['1E+5', 1e5], ['1e-5', 1e-5], ['007.50', 7.5], ['inf', Infinity], ['-inf', -Infinity], ['+Infinity', Infinity],
    ['INF', Infinity], ['infinity', Infinity], ['InFiNiTy', Infinity], ['1e400', Infinity], ['-1e400', -Infinity],
    ['1e-400', 0], ['-1e-400', -0], ['2.4703282292062327e-324', 0], ['2.4703282292062328e-324', 5e-324],
    ['1.7976931348623157e308', 1.7976931348623157e308], ['1.7976931348623158e308', 1.7976931348623157e308],
    ['1.7976931348623159e308', Infinity], ['0.' + '0'.repeat(400) + '1e400', 0.1],
    ['1' + '0'.repeat(400) + 'e-400', 1], ['0e99999999999999999999', 0], ['1e-99999999999999999999', 0],
    ['6.25', 6.25], ['2.5', 2.5], ['123456789012345678901234567890', 1.2345678901234568e29],
  ];
  for (const [s, want] of ok) assert.ok(Object.is(parseF(s), want), `parse_f64(${s}) = ${parseF(s)}, want ${want}`);
  for (const s of ['nan', 'NaN', '-nan', '+NAN']) assert.ok(Number.isNaN(parseF(s)), s);
  const badInputs = ['', '+', '-', '.', '-.', 'e5', '.e5', '1e', '1e+', '1e-', ' 1', '1 ', '1_0', '0x10', 'inf ',
    'infinit', 'infinityy', 'nan1', 'na', '1..2', '1.2.3', '--1', '+-1', '1e5.5', '1f', 'e', 'Infinity1', '١'];
  for (const s of badInputs) assert.is(parseF(s), undefined, `parse_f64(${JSON.stringify(s)}) should fail`);
});

test('parse_i64: syntax and range like Rust i64::from_str', () => {
  const ok = [['0', 0n], ['-0', 0n], ['+5', 5n], ['00012', 12n], ['-17', -17n], ['256', 256n],
    ['9223372036854775807', 9223372036854775807n], ['-9223372036854775808', -9223372036854775808n],
    ['+9223372036854775807', 9223372036854775807n], ['0000000000000000000000000042', 42n]];
  for (const [s, want] of ok) assert.is(parseI(s), want, s);
  const badInputs = ['', '+', '-', ' 1', '1 ', '1a', 'a', '1_000', '1.0', '1e3', '--1', '+-1', '0x10',
    '9223372036854775808', '-9223372036854775809', '99999999999999999999', '١'];
  for (const s of badInputs) assert.is(parseI(s), undefined, `parse_i64(${JSON.stringify(s)}) should fail`);
  for (let i = 0; i < 20000; i++) {
    const v = BigInt.asIntN(64, rnd64() >> (rnd64() % 64n));
    assert.is(parseI(v.toString()), v);
  }
});

test('parse_i64_trim: Rust s.trim().parse::<i64>() (str.parse / str.to_int)', () => {
  const ws = [' ', '\t', '\n', '\r', '\v', '\f', '\u0085', '\u00a0', '\u1680', '\u2000', '\u2005', '\u200a',
    '\u2028', '\u2029', '\u202f', '\u205f', '\u3000'];
  for (const w of ws) {
    assert.is(parseI(w + '42' + w, true), 42n, JSON.stringify(w));
    assert.is(parseI(w + w + '-7', true), -7n, JSON.stringify(w));
    assert.is(parseI('5' + w + w, true), 5n, JSON.stringify(w));
    assert.is(parseI('1' + w + '2', true), undefined, JSON.stringify(w));
    assert.is(parseI(w, true), undefined, JSON.stringify(w));
  }
  // not White_Space: zero-width space U+200B, BOM U+FEFF, U+180E
  for (const w of ['\u200b', '\ufeff', '\u180e', '\u2030', '\u00a1']) assert.is(parseI(w + '1', true), undefined, JSON.stringify(w));
  assert.is(parseI('  256 ', true), 256n);
  assert.is(parseI('', true), undefined);
  assert.is(parseI(' + 1', true), undefined);
});

test.run();
