// The AssemblyScript runtime (runtime-as/build/runtime.wasm) driven directly through its exports,
// with a tiny fake WASI capturing stdout / stderr / exit.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wasmBytes = readFileSync(join(root, 'runtime-as/build/runtime.wasm'));
const wasmModule = new WebAssembly.Module(wasmBytes);
const methods = JSON.parse(readFileSync(join(root, 'runtime-as/methods.json'), 'utf8'));

class Exit extends Error { constructor(code) { super('exit ' + code); this.code = code; } }

const K = { NIL: 0, BOOL: 1, INT: 2, FLOAT: 3, STR: 4, ARRAY: 5, TUPLE: 6, STRUCT: 7, ENUM: 8, MAP: 9, CLOSURE: 10, RANGE: 11, CLASS: 12, CELL: 13 };
const EK = { REF: 0, INT: 1, FLOAT: 2, BOOL: 3 };

/** a fresh runtime instance with descriptors for Option/Result, pairs, tuples, a struct and an enum */
function rt() {
  const io = { out: '', err: '', code: null };
  let mem;
  const dec = new TextDecoder();
  const wasi = {
    fd_write(fd, iovs, n, nw) {
      const v = new DataView(mem.buffer);
      let total = 0;
      for (let i = 0; i < n; i++) {
        const p = v.getUint32(iovs + 8 * i, true), l = v.getUint32(iovs + 8 * i + 4, true);
        const s = dec.decode(new Uint8Array(mem.buffer, p, l));
        if (fd === 1) io.out += s; else io.err += s;
        total += l;
      }
      v.setUint32(nw, total, true);
      return 0;
    },
    proc_exit(code) { io.code = code; throw new Exit(code); },
  };
  const inst = new WebAssembly.Instance(wasmModule, { wasi_snapshot_preview1: wasi });
  const x = inst.exports;
  mem = x.memory;
  // a static area of one page after the runtime's data: descriptors, the file name, scratch
  const base = mem.buffer.byteLength;
  mem.grow(2);
  let top = base;
  const dv = () => new DataView(mem.buffer);
  const allocStatic = (n, align = 8) => { top = (top + align - 1) & ~(align - 1); const p = top; top += n; return p; };
  const staticStr = (s) => {
    const b = new TextEncoder().encode(s);
    const p = allocStatic(20 + b.length);
    const v = dv();
    v.setInt32(p, -1, true); v.setUint8(p + 4, K.STR); v.setUint8(p + 5, 0); v.setUint16(p + 6, 0, true);
    v.setInt32(p + 8, b.length, true); v.setInt32(p + 12, [...s].length, true); v.setInt32(p + 16, b.length, true);
    new Uint8Array(mem.buffer, p + 20, b.length).set(b);
    return p;
  };
  const descs = [];
  const desc = (kind, name, variant, vi, enumId, fields, shape) => {
    const f = allocStatic(8 * Math.max(1, fields.length), 4);
    fields.forEach(([fname, sk], i) => { dv().setInt32(f + 8 * i, fname ? staticStr(fname) : 0, true); dv().setInt32(f + 8 * i + 4, sk, true); });
    const d = allocStatic(32, 4);
    const v = dv();
    [kind, name ? staticStr(name) : 0, variant ? staticStr(variant) : 0, vi, enumId, fields.length, f, shape].forEach((w, i) => v.setInt32(d + 4 * i, w, true));
    descs.push(d);
    return descs.length - 1;
  };
  const T = {};
  T.None = desc(K.ENUM, 'Option', 'None', 0, 0, [], 0);
  T.Some = desc(K.ENUM, 'Option', 'Some', 1, 0, [[null, EK.REF]], 1);
  T.Ok = desc(K.ENUM, 'Result', 'Ok', 0, 1, [[null, EK.REF]], 1);
  T.Err = desc(K.ENUM, 'Result', 'Err', 1, 1, [[null, EK.REF]], 1);
  T.Pair = desc(K.TUPLE, null, null, 0, -1, [[null, EK.REF], [null, EK.REF]], 1);
  T.Tuple3 = desc(K.TUPLE, null, null, 0, -1, [[null, EK.INT], [null, EK.REF], [null, EK.FLOAT]], 1);
  T.Team = desc(K.STRUCT, 'Team', null, 0, 2, [['name', EK.REF], ['members', EK.REF], ['lead', EK.REF]], 2);
  T.Active = desc(K.ENUM, 'Status', 'Active', 0, 3, [], 0);
  T.Paused = desc(K.ENUM, 'Status', 'Paused', 1, 3, [[null, EK.REF], [null, EK.INT]], 1);
  T.Move = desc(K.ENUM, 'Cmd', 'Move', 0, 4, [['dy', EK.INT], ['dx', EK.INT]], 2);
  const table = allocStatic(4 * descs.length, 4);
  descs.forEach((d, i) => dv().setInt32(table + 4 * i, d, true));
  const file = staticStr('prog.ruchy');
  const heapBase = base + 65536;
  x.rt_init(heapBase, table, file);

  const h = {
    x, io, T, mem, staticStr,
    str(s) { // an owned STR
      const b = new TextEncoder().encode(s);
      const p = x.rt_alloc(b.length + 1);
      new Uint8Array(mem.buffer, p, b.length).set(b);
      const r = x.rt_str_from_utf8(p, b.length);
      x.rt_free(p);
      return r;
    },
    read(p) { // a STR's text
      const v = dv();
      assert.is(v.getUint8(p + 4), K.STR, 'expected a STR');
      return dec.decode(new Uint8Array(mem.buffer, p + 20, v.getInt32(p + 8, true)));
    },
    show(v) { const s = x.rt_display(v); const t = h.read(s); x.rt_release(s); return t; },
    fshow(v) { const s = x.rt_str_append_fdisplay(x.rt_str_new(0), v); const t = h.read(s); x.rt_release(s); return t; },
    rc(p) { return dv().getInt32(p, true); },
    kind(p) { return dv().getUint8(p + 4); },
    i32(p, off = 0) { return dv().getInt32(p + off, true); },
    setI32(p, off, v) { dv().setInt32(p + off, v, true); },
    setI64(p, off, v) { dv().setBigInt64(p + off, BigInt(v), true); },
    setF64(p, off, v) { dv().setFloat64(p + off, v, true); },
    ints(xs) { let a = x.rt_arr_new(EK.INT, 0); for (const v of xs) a = x.rt_arr_push_i64(a, BigInt(v)); return a; },
    floats(xs) { let a = x.rt_arr_new(EK.FLOAT, 0); for (const v of xs) a = x.rt_arr_push_f64(a, v); return a; },
    /** an EK_REF array of owned boxed values (consumed) */
    refs(vs) { let a = x.rt_arr_new(EK.REF, 0); for (const v of vs) { a = x.rt_arr_push_ref(a, v); x.rt_release(v); } return a; },
    strs(ss) { return h.refs(ss.map(s => h.str(s))); },
    int(v) { return x.rt_box_i64(BigInt(v)); },
    flt(v) { return x.rt_box_f64(v); },
    /** an object whose ref slots are consumed */
    obj(kind, tid, slots) {
      const p = x.rt_obj_new(kind, tid, slots.length);
      slots.forEach(([sk, v], i) => {
        if (sk === EK.REF || sk === EK.BOOL) h.setI32(p, 8 + 8 * i, v);
        else if (sk === EK.INT) h.setI64(p, 8 + 8 * i, v);
        else h.setF64(p, 8 + 8 * i, v);
      });
      return p;
    },
    some(v) { return h.obj(K.ENUM, T.Some, [[EK.REF, v]]); },
    pair(a, b) { return h.obj(K.TUPLE, T.Pair, [[EK.REF, a], [EK.REF, b]]); },
    /** expects fn to panic: returns the stderr text */
    panics(fn) {
      try { fn(); } catch (e) { if (e instanceof Exit) { assert.is(e.code, 3); return io.err; } throw e; }
      assert.unreachable('expected a panic');
    },
    map(entries) { let m = x.rt_map_new(); for (const [k, v] of entries) { m = x.rt_map_insert(m, k, v); x.rt_release(k); x.rt_release(v); } return m; },
  };
  return h;
}

// ------------------------------------------------------------------ allocator and refcounting
test('allocator reuses freed blocks', () => {
  const { x } = rt();
  const top0 = x.rt_heap_top();
  for (let i = 0; i < 1_000_000; i++) {
    const p = x.rt_alloc(16 + (i % 7) * 8);
    x.rt_free(p);
  }
  assert.ok(x.rt_heap_top() - top0 < 4096);
});

test('10k short strings dropped repeatedly stay small', () => {
  const h = rt();
  const top0 = h.x.rt_heap_top();
  const lit = h.staticStr('hello');
  for (let i = 0; i < 200_000; i++) {
    let s = h.x.rt_str_new(8);
    s = h.x.rt_str_append(s, lit);
    s = h.x.rt_str_append_i64(s, BigInt(i));
    h.x.rt_release(s);
  }
  assert.ok(h.x.rt_heap_top() - top0 < 4096);
  assert.ok(h.mem.buffer.byteLength < 64 << 20);
});

test('large blocks grow memory and are reused', () => {
  const { x, mem } = rt();
  const p = x.rt_alloc(1 << 20);
  x.rt_free(p);
  const q = x.rt_alloc(1 << 20);
  assert.is(p, q);
  assert.ok(mem.buffer.byteLength >= 1 << 20);
});

test('retain / release / is_unique and recursive release', () => {
  const h = rt();
  const { x } = h;
  const s = h.str('abc');
  assert.is(h.rc(s), 1);
  x.rt_retain(s);
  assert.is(h.rc(s), 2);
  assert.is(x.rt_is_unique(s), 0);
  x.rt_release(s);
  assert.is(x.rt_is_unique(s), 1);
  const a = h.refs([s]);
  assert.is(h.rc(s), 1); // owned by the array only (refs() released ours)
  x.rt_retain(s);
  assert.is(h.rc(s), 2);
  x.rt_release(a);
  assert.is(h.rc(s), 1);
  x.rt_release(s);
  // immortal objects are untouched
  const n = x.rt_nil();
  x.rt_retain(n); x.rt_release(n); x.rt_release(n);
  assert.is(h.rc(n), -1);
  assert.is(x.rt_retain_ret(s + 0) , s);
});

test('copy-on-write: a shared array is copied on set, a unique one is not', () => {
  const h = rt();
  const { x } = h;
  let a = h.ints([1, 2, 3]);
  const same = x.rt_arr_set_i64(a, 0n, 10n, 1);
  assert.is(same, a);
  a = same;
  x.rt_retain(a); // a second owner
  const b = x.rt_arr_set_i64(a, 1n, 20n, 1);
  assert.is.not(b, a);
  assert.is(h.show(a), '[10, 2, 3]');
  assert.is(h.show(b), '[10, 20, 3]');
  assert.is(h.rc(a), 1);
  const c = x.rt_obj_unique(h.pair(h.str('a'), h.int(1)));
  assert.is(h.show(c), '("a", 1)');
  x.rt_retain(c);
  const d = x.rt_obj_unique(c);
  assert.is.not(d, c);
  assert.is(h.show(d), '("a", 1)');
});

test('cells', () => {
  const h = rt();
  const c = h.x.rt_cell_new(EK.REF);
  assert.is(h.kind(c), K.CELL);
  assert.is(h.i32(c, 8), h.x.rt_nil());
  h.x.rt_release(c);
});

// ------------------------------------------------------------------ strings
test('strings: UTF-8 len vs char indexing', () => {
  const h = rt();
  const { x } = h;
  const s = h.str('héllo');
  assert.is(h.i32(s, 8), 6);
  assert.is(h.i32(s, 12), 5);
  assert.is(h.read(x.rt_str_index(s, 1n, 1)), 'é');
  assert.is(h.read(x.rt_str_index(s, -1n, 1)), 'o');
  assert.is(h.read(x.rt_str_slice(s, 0n, 2n, 3, 1)), 'hé');
  assert.is(h.read(x.rt_str_slice(s, 1n, 0n, 1, 1)), 'éllo');
  assert.is(h.read(x.rt_str_slice(s, 0n, 2n, 2 | 4, 1)), 'hél');
  const k = h.str('日本語');
  assert.is(h.read(x.rt_str_index(k, 1n, 1)), '本');
  assert.match(h.panics(() => x.rt_str_index(h.str('abcd'), 4n, 7)), 'prog.ruchy:7: panic: index out of bounds: the len is 4 but the index is 4');
});

test('strings: slice past the end panics', () => {
  const h = rt();
  assert.match(h.panics(() => h.x.rt_str_slice(h.str('hello'), 1n, 9n, 3, 3)), /^prog\.ruchy:3: panic: .*out of bounds/);
});

test('strings: append in place, concat, eq, cmp, repeat, numbers', () => {
  const h = rt();
  const { x } = h;
  let s = x.rt_str_new(4096);
  const s0 = s;
  s = x.rt_str_append(s, h.staticStr('ab'));
  s = x.rt_str_append_i64(s, -42n);
  s = x.rt_str_append_f64(s, 1.5);
  s = x.rt_str_append_f64(s, 2);
  s = x.rt_str_append_f64_prec(s, 3.14159, 2);
  s = x.rt_str_append_bool(s, 1);
  assert.is(s, s0);
  assert.is(h.read(s), 'ab-421.52.03.14true');
  s = x.rt_str_append(s, s);
  assert.is(h.read(s), 'ab-421.52.03.14trueab-421.52.03.14true');
  const lit = h.staticStr('xy');
  const t = x.rt_str_append(lit, lit); // immortal receiver: copied
  assert.is(h.read(t), 'xyxy');
  assert.is(h.read(lit), 'xy');
  assert.is(h.read(x.rt_str_concat(h.str('a'), h.str('é'))), 'aé');
  assert.is(x.rt_str_eq(h.str('abc'), h.str('abc')), 1);
  assert.is(x.rt_str_eq(h.str('abc'), h.str('abd')), 0);
  assert.is(x.rt_str_cmp(h.str('abc'), h.str('abd')), -1);
  assert.is(x.rt_str_cmp(h.str('b'), h.str('abd')), 1);
  assert.is(x.rt_str_cmp(h.str('ab'), h.str('abc')), -1);
  assert.is(h.read(x.rt_str_repeat(h.str('ab'), 3n)), 'ababab');
  // a shared string is copied on append
  const u = h.str('q');
  x.rt_retain(u);
  const w = x.rt_str_append(u, h.staticStr('r'));
  assert.is.not(w, u);
  assert.is(h.read(u), 'q');
  assert.is(h.read(w), 'qr');
});

// ------------------------------------------------------------------ arrays
test('arrays: typed get / set / push / pop / len', () => {
  const h = rt();
  const { x } = h;
  let a = h.ints([5, 6]);
  assert.is(x.rt_arr_len(a), 2n);
  assert.is(x.rt_arr_get_i64(a, 1n, 1), 6n);
  assert.is(x.rt_arr_get_i64(a, -1n, 1), 6n);
  let f = h.floats([1.5]);
  f = x.rt_arr_set_f64(f, 0n, 2.5, 1);
  assert.is(x.rt_arr_get_f64(f, 0n, 1), 2.5);
  let b = x.rt_arr_push_bool(x.rt_arr_new(EK.BOOL, 0), 1);
  b = x.rt_arr_set_bool(b, 0n, 0, 1);
  assert.is(x.rt_arr_get_bool(b, 0n, 1), 0);
  assert.is(h.show(b), '[false]');
  const out = x.rt_alloc(4);
  a = x.rt_arr_pop(a, out);
  assert.is(h.show(h.i32(out)), '6');
  assert.is(h.show(a), '[5]');
  a = x.rt_arr_pop(a, out); a = x.rt_arr_pop(a, out);
  assert.is(h.i32(out), x.rt_nil());
  let r = h.strs(['x']);
  r = x.rt_arr_set_ref(r, 0n, h.staticStr('y'), 1);
  assert.is(h.read(x.rt_arr_get_ref(r, 0n, 1)), 'y');
  assert.is(h.show(x.rt_arr_get_dyn(h.ints([9]), 0n, 1)), '9');
  assert.match(h.panics(() => x.rt_arr_get_i64(h.ints([1, 2, 3]), 3n, 12)), 'prog.ruchy:12: panic: index out of bounds: the len is 3 but the index is 3');
});

test('arrays: slice, concat, repeat', () => {
  const h = rt();
  const { x } = h;
  const a = h.ints([1, 2, 3, 4]);
  assert.is(h.show(x.rt_arr_slice(a, 1n, 3n, 3, 1)), '[2, 3]');
  assert.is(h.show(x.rt_arr_slice(a, 0n, 2n, 2 | 4, 1)), '[1, 2, 3]');
  assert.is(h.show(x.rt_arr_slice(a, -2n, 0n, 1, 1)), '[3, 4]');
  assert.is(h.show(x.rt_arr_concat(a, h.ints([7]))), '[1, 2, 3, 4, 7]');
  assert.is(h.show(x.rt_arr_concat(a, h.strs(['z']))), '[1, 2, 3, 4, "z"]');
  assert.is(h.show(x.rt_arr_repeat(h.int(0), 3n, EK.INT)), '[0, 0, 0]');
  assert.is(h.show(x.rt_arr_repeat(h.str('a'), 2n, EK.REF)), '["a", "a"]');
});

// ------------------------------------------------------------------ display
test('display: scalars, nested quoting, f-string mode', () => {
  const h = rt();
  const { x, T } = h;
  assert.is(h.show(h.int(-3)), '-3');
  assert.is(h.show(h.flt(1)), '1.0');
  assert.is(h.show(h.flt(0.1 + 0.2)), '0.30000000000000004');
  assert.is(h.show(x.rt_true()), 'true');
  assert.is(h.show(x.rt_nil()), 'nil');
  assert.is(h.show(h.str('raw')), 'raw');
  assert.is(h.show(h.strs(['a', 'b'])), '["a", "b"]');
  assert.is(h.fshow(h.strs(['apple', 'pear'])), '[apple, pear]');
  assert.is(h.show(h.floats([1, 2.5, -0.5])), '[1.0, 2.5, -0.5]');
  assert.is(h.show(x.rt_range_new(1n, 5n, 0)), '1..5');
  assert.is(h.show(x.rt_range_new(0n, 3n, 1)), '0..=3');
  const roster = h.refs([h.pair(h.str('ann'), h.strs(['rust', 'go'])), h.pair(h.str('bo'), h.refs([]))]);
  assert.is(h.show(roster), '[("ann", ["rust", "go"]), ("bo", [])]');
  const t3 = h.obj(K.TUPLE, T.Tuple3, [[EK.INT, 1], [EK.REF, h.str('x')], [EK.FLOAT, 2]]);
  assert.is(h.show(t3), '(1, "x", 2.0)');
  const team = h.obj(K.STRUCT, T.Team, [[EK.REF, h.str('core')], [EK.REF, h.strs(['ann', 'bo'])], [EK.REF, h.some(h.str('ann'))]]);
  assert.is(h.show(team), 'Team {lead: Some("ann"), members: ["ann", "bo"], name: "core"}');
  const states = h.refs([h.obj(K.ENUM, T.Active, []), h.obj(K.ENUM, T.Paused, [[EK.REF, h.str('vacation')], [EK.INT, 3]])]);
  assert.is(h.show(states), '[Active, Paused("vacation", 3)]');
  assert.is(h.show(h.obj(K.ENUM, T.Move, [[EK.INT, 1], [EK.INT, 2]])), 'Move {dx: 2, dy: 1}');
  assert.is(h.show(h.some(h.some(h.int(3)))), 'Some(Some(3))');
  assert.is(h.show(x.rt_none()), 'None');
  assert.is(h.show(h.obj(K.ENUM, T.Err, [[EK.REF, h.str('bad')]])), 'Err("bad")');
  assert.is(h.show(h.refs([h.refs([]), h.refs([h.refs([])])])), '[[], [[]]]');
  const dbg = x.rt_debug(h.str('q'));
  assert.is(h.read(dbg), '"q"');
  let s = x.rt_str_append_display(h.str('v='), h.strs(['a']));
  assert.is(h.read(s), 'v=["a"]');
});

test('display: maps sorted with raw keys', () => {
  const h = rt();
  const m = h.map([[h.str('teams'), h.strs(['core', 'solo'])], [h.str('count'), h.int(2)], [h.str('ratio'), h.flt(0.5)]]);
  assert.is(h.show(m), '{count: 2, ratio: 0.5, teams: ["core", "solo"]}');
  assert.is(h.show(h.x.rt_map_new()), '{}');
});

// ------------------------------------------------------------------ compare
test('deep equality and ordering', () => {
  const h = rt();
  const { x } = h;
  assert.is(x.rt_eq(h.int(1), h.flt(1)), 1);
  assert.is(x.rt_eq(h.int(1), h.str('1')), 0);
  assert.is(x.rt_eq(h.ints([1, 2]), h.refs([h.int(1), h.flt(2)])), 1);
  assert.is(x.rt_eq(h.ints([1, 2]), h.ints([1, 2, 3])), 0);
  assert.is(x.rt_eq(h.pair(h.int(1), h.str('a')), h.pair(h.int(1), h.str('a'))), 1);
  assert.is(x.rt_eq(h.pair(h.int(1), h.str('a')), h.pair(h.int(1), h.str('b'))), 0);
  assert.is(x.rt_eq(h.some(h.int(1)), h.some(h.int(1))), 1);
  assert.is(x.rt_eq(h.some(h.int(1)), x.rt_none()), 0);
  assert.is(x.rt_ne(h.int(1), h.int(2)), 1);
  const m1 = h.map([[h.str('a'), h.int(1)], [h.str('b'), h.int(2)]]);
  const m2 = h.map([[h.str('b'), h.int(2)], [h.str('a'), h.int(1)]]);
  assert.is(x.rt_eq(m1, m2), 1);
  assert.is(x.rt_eq(m1, h.map([[h.str('a'), h.int(2)]])), 0);
  assert.is(x.rt_cmp(h.int(1), h.flt(1.5)), -1);
  assert.is(x.rt_cmp(h.str('b'), h.str('a')), 1);
  assert.is(x.rt_cmp(h.ints([1, 2]), h.ints([1, 3])), -1);
  assert.is(x.rt_cmp(h.ints([1, 2]), h.ints([1])), 1);
  assert.is(x.rt_cmp(h.pair(h.int(2), h.str('a')), h.pair(h.int(1), h.str('z'))), 1);
  assert.is(x.rt_cmp(x.rt_none(), h.some(h.int(0))), -1);
});

// ------------------------------------------------------------------ maps
test('maps: insert / get / index / remove / keys / values / entries', () => {
  const h = rt();
  const { x } = h;
  let m = x.rt_map_new();
  for (let i = 0; i < 100; i++) { const k = h.str('k' + i); const v = h.int(i); m = x.rt_map_insert(m, k, v); x.rt_release(k); x.rt_release(v); }
  assert.is(x.rt_map_len(m), 100n);
  assert.is(h.show(x.rt_map_get(m, h.str('k42'))), 'Some(42)');
  assert.is(h.show(x.rt_map_get(m, h.str('zz'))), 'None');
  assert.is(h.show(x.rt_map_index(m, h.str('k7'), 1)), '7');
  assert.is(x.rt_map_contains_key(m, h.str('k99')), 1);
  const out = x.rt_alloc(4);
  for (let i = 0; i < 98; i++) m = x.rt_map_remove(m, h.str('k' + i), out);
  assert.is(h.show(h.i32(out)), 'Some(97)');
  m = x.rt_map_remove(m, h.str('k0'), out);
  assert.is(h.show(h.i32(out)), 'None');
  assert.is(x.rt_map_len(m), 2n);
  assert.is(h.show(m), '{k98: 98, k99: 99}');
  // overwrite keeps the position
  m = x.rt_map_insert(m, h.str('k98'), h.int(0));
  assert.is(h.show(x.rt_map_keys(m)), '["k98", "k99"]');
  assert.is(h.show(x.rt_map_values(m)), '[0, 99]');
  assert.is(h.show(x.rt_map_entries(m)), '[("k98", 0), ("k99", 99)]');
  // int keys equal float keys
  let n = h.map([[h.int(1), h.str('one')]]);
  assert.is(h.show(x.rt_map_get(n, h.flt(1))), 'Some("one")');
  // copy-on-write
  x.rt_retain(m);
  const m2 = x.rt_map_insert(m, h.str('new'), h.int(1));
  assert.is.not(m2, m);
  assert.is(x.rt_map_len(m), 2n);
  assert.is(x.rt_map_len(m2), 3n);
  assert.match(h.panics(() => x.rt_map_index(m, h.str('plum'), 3)), 'prog.ruchy:3: panic: key not found: plum');
});

// ------------------------------------------------------------------ panics and output
test('panics: exit 3 and FILE:LINE: panic:', () => {
  const h = rt();
  const { x } = h;
  x.rt_write_out(h.str('before\n'));
  const err = h.panics(() => x.rt_panic(h.str('boom'), 5));
  assert.is(err, 'prog.ruchy:5: panic: boom\n');
  assert.is(h.io.out, 'before\n');
  const h2 = rt();
  assert.match(h2.panics(() => h2.x.rt_panic_overflow(1)), 'integer overflow');
});

test('panics: overflow, division, stack, index, assert', () => {
  let h = rt(); assert.match(h.panics(() => h.x.rt_panic_overflow(2)), 'prog.ruchy:2: panic: integer overflow');
  h = rt(); assert.match(h.panics(() => h.x.rt_panic_div_zero(3, 0)), 'division by zero');
  h = rt(); assert.match(h.panics(() => h.x.rt_panic_div_zero(3, 1)), 'remainder by zero');
  h = rt(); assert.match(h.panics(() => h.x.rt_panic_stack(4)), 'stack overflow');
  h = rt(); assert.match(h.panics(() => h.x.rt_panic_index(4n, 3n, 1)), 'index out of bounds: the len is 3 but the index is 4');
  h = rt(); h.x.rt_assert(1, h.str('fine'), 1);
  assert.match(h.panics(() => h.x.rt_assert(0, h.str('insufficient funds'), 2)), /prog\.ruchy:2: panic: assert.*insufficient funds/);
});

test('output: stdout buffered until flush, stderr immediate', () => {
  const h = rt();
  h.x.rt_write_out(h.str('a'));
  assert.is(h.io.out, '');
  h.x.rt_write_err(h.str('e'));
  assert.is(h.io.out, 'a');
  assert.is(h.io.err, 'e');
  h.x.rt_write_out(h.str('b'));
  h.x.rt_flush();
  assert.is(h.io.out, 'ab');
});

// ------------------------------------------------------------------ methods.json
test('methods.json: every fn is an export with the declared arity', () => {
  const h = rt();
  const arity = (m) => m.params.length + 1 + (m.line ? 1 : 0) + (m.out ? 1 : 0);
  for (const [cls, ms] of Object.entries(methods.methods)) {
    for (const [name, m] of Object.entries(ms)) {
      const f = h.x[m.fn];
      assert.type(f, 'function', `${cls}.${name}: ${m.fn} is not exported`);
      assert.is(f.length, arity(m), `${cls}.${name}: ${m.fn} arity`);
    }
  }
  for (const [name, overloads] of Object.entries(methods.functions)) {
    for (const m of overloads) {
      const f = h.x[m.fn];
      assert.type(f, 'function', `${name}: ${m.fn} is not exported`);
      assert.is(f.length, m.params.length + (m.line ? 1 : 0), `${name}: ${m.fn} arity`);
    }
  }
});

test.run();
