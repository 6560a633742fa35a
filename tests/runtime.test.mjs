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

class Exit extends Error { constructor(code, err = '') { super('exit ' + code + ' ' + err); this.code = code; } }

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
    proc_exit(code) { io.code = code; throw new Exit(code, io.err); },
  };
  // WASI functions this fake does not implement (host_api.ts: args, env, clock, files…) answer ENOSYS
  const stubs = Object.fromEntries(WebAssembly.Module.imports(wasmModule).map(i => [i.name, () => 52]));
  const inst = new WebAssembly.Instance(wasmModule, { wasi_snapshot_preview1: { ...stubs, ...wasi } });
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

test('no leaks: building and dropping nested values repeatedly keeps the heap flat', () => {
  const h = rt();
  const { x } = h;
  const round = () => {
    const m = h.map([[h.str('a'), h.strs(['x', 'y'])], [h.str('b'), h.some(h.pair(h.int(1), h.flt(2)))]]);
    const e = x.rt_map_entries(m);
    const a = h.ints([3, 2]), b = h.strs(['z']);
    const c = x.rt_arr_concat(a, b);
    const sorted = x.rt_arr_sort(c);
    for (const v of [a, b, c]) x.rt_release(v);
    const d = x.rt_display(e);
    const out = x.rt_alloc(4);
    const m2 = x.rt_map_remove(m, h.staticStr('a'), out);
    x.rt_release(h.i32(out));
    x.rt_free(out);
    for (const v of [m2, e, sorted, d]) x.rt_release(v);
  };
  round();
  const top = x.rt_heap_top();
  for (let i = 0; i < 2000; i++) round();
  assert.is(x.rt_heap_top(), top);
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

test('arrays: the element kind follows the values (empty arrays adopt, mixed ones box)', () => {
  const h = rt();
  const { x } = h;
  const ek = a => (h.i32(a, 4) >> 8) & 0xff;
  // an empty array of boxes takes the kind of the first value pushed, typed or boxed
  let a = x.rt_arr_push_i64(x.rt_arr_new(EK.REF, 8), 7n);
  assert.is(ek(a), EK.INT);
  let d = x.rt_arr_push_dyn(x.rt_arr_new(EK.REF, 0), h.flt(1.5), 1);
  assert.is(ek(d), EK.FLOAT);
  // a value of another kind turns a typed array into boxes, keeping every element and its kind
  a = x.rt_arr_push_i64(a, 8n);
  a = x.rt_arr_push_ref(a, h.staticStr('s'));
  assert.is(ek(a), EK.REF);
  assert.is(h.show(a), '[7, 8, "s"]');
  let b = x.rt_arr_set_bool(h.ints([1, 2]), 1n, 1, 1);
  assert.is(h.show(b), '[1, true]');
  // the typed getters and setters work on arrays of boxes too
  assert.is(x.rt_arr_get_i64(a, 1n, 1), 8n);
  a = x.rt_arr_set_i64(a, 0n, 9n, 1);
  assert.is(h.show(a), '[9, 8, "s"]');
  assert.match(h.panics(() => x.rt_arr_get_i64(a, 2n, 4)), 'prog.ruchy:4: panic: expected int');
  // sums of boxed ints through the typed entry point
  const boxes = x.rt_arr_concat(h.ints([3, 4]), h.strs([]));
  assert.is(x.rt_arr_sum_i64(x.rt_arr_set_ref(x.rt_arr_push_ref(h.strs(['x']), h.int(5)), 0n, h.int(1), 1), 1), 6n);
  assert.is(x.rt_arr_sum_i64(boxes, 1), 7n);
  // [v; n] stores in the kind of v
  assert.is(ek(x.rt_arr_repeat(h.flt(0.5), 3n)), EK.FLOAT);
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
  assert.is(h.show(x.rt_arr_repeat(h.int(0), 3n)), '[0, 0, 0]');
  assert.is(h.show(x.rt_arr_repeat(h.str("a"), 2n)), '["a", "a"]');
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


// ------------------------------------------------------------------ methods: values
test('string methods', () => {
  const h = rt();
  const { x } = h;
  const S = (s) => h.str(s);
  const t = S('  Hello, Ruchy World  ');
  const tr = x.rt_str_trim(t);
  assert.is(h.read(tr), 'Hello, Ruchy World');
  assert.is(h.read(x.rt_str_trim_start(t)), 'Hello, Ruchy World  ');
  assert.is(h.read(x.rt_str_trim_end(t)), '  Hello, Ruchy World');
  assert.is(h.read(x.rt_str_trim(S('\u00a0 x\u3000'))), 'x');
  assert.is(h.read(x.rt_str_to_uppercase(S('héllo w'))), 'HÉLLO W');
  assert.is(h.read(x.rt_str_to_lowercase(S('ÀB c'))), 'àb c');
  assert.is(x.rt_str_contains(tr, S('Ruchy')), 1);
  assert.is(x.rt_str_contains(tr, S('ruchy')), 0);
  assert.is(x.rt_str_starts_with(tr, S('Hello')), 1);
  assert.is(x.rt_str_ends_with(tr, S('world')), 0);
  assert.is(h.read(x.rt_str_replace(tr, S('o'), S('0'))), 'Hell0, Ruchy W0rld');
  assert.is(h.read(x.rt_str_replace(S('ab'), S(''), S('-'))), '-a-b-');
  assert.is(h.read(x.rt_str_substring(tr, 7n, 12n)), 'Ruchy');
  assert.is(h.read(x.rt_str_substring(S('abc'), 1n, 99n)), 'bc');
  assert.is(h.read(x.rt_str_char_at(tr, 7n, 1)), 'R');
  assert.match(h.panics(() => x.rt_str_char_at(S('ab'), 5n, 9)), 'prog.ruchy:9: panic:');
  const h2 = rt();
  assert.is(h2.x.rt_str_is_empty(h2.str('')), 1);
  assert.is(h2.show(h2.x.rt_str_split(h2.str('red,green,,blue'), h2.str(','))), '["red", "green", "", "blue"]');
  assert.is(h2.show(h2.x.rt_str_split(h2.str('ab'), h2.str(''))), '["", "a", "b", ""]');
  assert.is(h2.show(h2.x.rt_str_split_whitespace(h2.str(' a  b\tc '))), '["a", "b", "c"]');
  assert.is(h2.show(h2.x.rt_str_chars(h2.str('hé'))), '["h", "é"]');
  assert.is(h2.show(h2.x.rt_str_lines(h2.str('one\ntwo\r\nthree\n'))), '["one", "two", "three"]');
  assert.is(h2.show(h2.x.rt_str_as_bytes(h2.str('Hi'))), '[72, 105]');
  assert.is(h2.x.rt_str_is_numeric(h2.str('12345')), 1);
  assert.is(h2.x.rt_str_is_numeric(h2.str('')), 0);
  assert.is(h2.x.rt_str_is_alphabetic(h2.str('abc1')), 0);
  assert.is(h2.x.rt_str_is_alphabetic(h2.str('héllo')), 1);
  assert.is(h2.x.rt_str_is_alphanumeric(h2.str('abc1')), 1);
  assert.is(h2.x.rt_str_is_whitespace(h2.str(' \t')), 1);
  assert.is(h2.x.rt_str_is_uppercase(h2.str('AB')), 1);
  assert.is(h2.x.rt_str_is_lowercase(h2.str('aB')), 0);
  assert.is(h2.x.rt_str_to_int(h2.str(' 256 '), 1), 256n);
  assert.is(h2.x.rt_str_to_float(h2.str('2.5'), 1), 2.5);
  assert.is(h2.read(h2.x.rt_str_to_string(h2.str('s'))), 's');
  assert.is(h2.x.rt_str_len(h2.str('héllo')), 6n);
  assert.is(h2.x.rt_str_char_count(h2.str('héllo')), 5n);
  assert.is(h2.show(h2.x.rt_str_find(h2.str('héllo'), h2.str('l'))), 'Some(2)');
  assert.is(h2.show(h2.x.rt_str_find(h2.str('abc'), h2.str('z'))), 'None');
  assert.is(h2.x.rt_str_index_of(h2.str('abc'), h2.str('c')), 2n);
  assert.is(h2.x.rt_str_index_of(h2.str('abc'), h2.str('z')), -1n);
  assert.is(h2.x.rt_str_count(h2.str('banana'), h2.str('an')), 2n);
  assert.is(h2.read(h2.x.rt_str_reverse(h2.str('stressé'))), 'ésserts');
  assert.match(h2.panics(() => h2.x.rt_str_to_int(h2.str('x1'), 4)), "prog.ruchy:4: panic: Failed to parse 'x1'");
});

test('array methods', () => {
  const h = rt();
  const { x } = h;
  const fruits = h.strs(['apple', 'banana', 'cherry']);
  assert.is(x.rt_arr_contains(fruits, h.str('banana')), 1);
  assert.is(x.rt_arr_contains(fruits, h.str('grape')), 0);
  assert.is(x.rt_arr_contains(h.ints([1, 2, 3]), h.int(2)), 1);
  assert.is(x.rt_arr_contains(h.ints([1, 2, 3]), h.flt(2)), 1);
  assert.is(h.show(x.rt_arr_first(fruits)), 'apple');
  assert.is(h.show(x.rt_arr_last(fruits)), 'cherry');
  assert.is(h.show(x.rt_arr_first(h.refs([]))), 'nil');
  assert.is(h.show(x.rt_arr_get(fruits, 1n)), 'banana');
  assert.is(h.show(x.rt_arr_get(fruits, 5n)), 'nil');
  assert.is(h.show(x.rt_arr_get(fruits, -1n)), 'nil');
  assert.is(h.show(x.rt_arr_index_of(fruits, h.str('cherry'))), 'Some(2)');
  assert.is(x.rt_arr_is_empty(h.ints([])), 1);
  const q = h.ints([4, 8, 15, 16, 23, 42]);
  assert.is(x.rt_arr_sum_i64(q, 1), 108n);
  assert.is(x.rt_arr_product_i64(h.ints([2, 3, 4]), 1), 24n);
  assert.is(x.rt_arr_sum_f64(h.floats([0.1, 0.2])), 0.30000000000000004);
  assert.is(x.rt_arr_product_f64(h.floats([1.5, 2])), 3);
  assert.is(h.show(x.rt_arr_sum(h.refs([h.int(1), h.int(2)]), 1)), '3');
  assert.is(h.show(x.rt_arr_sum(h.refs([h.int(1), h.flt(2.5)]), 1)), '3.5');
  assert.is(h.show(x.rt_arr_sum(h.refs([]), 1)), '0');
  assert.is(h.show(x.rt_arr_product(h.refs([]), 1)), '1');
  assert.is(h.show(x.rt_arr_min(q)), '4');
  assert.is(h.show(x.rt_arr_max(h.floats([2.5, 1.25, 4]))), '4.0');
  assert.is(h.show(x.rt_arr_max(h.refs([]))), 'nil');
  const big = x.rt_arr_push_i64(x.rt_arr_push_i64(x.rt_arr_new(EK.INT, 0), 9223372036854775807n), 1n);
  assert.match(h.panics(() => x.rt_arr_sum_i64(big, 5)), 'prog.ruchy:5: panic: integer overflow');
});

test('array methods: ordering, pieces, sets, pairs, mutation', () => {
  const h = rt();
  const { x } = h;
  const d = h.ints([5, 3, 8, 1, 9, 2]);
  assert.is(h.show(x.rt_arr_sort(d)), '[1, 2, 3, 5, 8, 9]');
  assert.is(h.show(d), '[5, 3, 8, 1, 9, 2]');
  assert.is(h.show(x.rt_arr_sort(h.floats([19.99, 5, -2.25, 0.75]))), '[-2.25, 0.75, 5.0, 19.99]');
  assert.is(h.show(x.rt_arr_sort(h.strs(['mia', 'zoe', 'ada', 'liam']))), '["ada", "liam", "mia", "zoe"]');
  assert.is(h.show(x.rt_arr_sort(h.refs([h.pair(h.int(2), h.str('b')), h.pair(h.int(1), h.str('z')), h.pair(h.int(2), h.str('a'))]))), '[(1, "z"), (2, "a"), (2, "b")]');
  assert.is(h.show(x.rt_arr_sort(h.refs([h.int(3), h.flt(1.5), h.int(-2)]))), '[-2, 1.5, 3]');
  const big = h.ints(Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000));
  const sorted = x.rt_arr_sort(big);
  for (let i = 0; i < 1000; i++) assert.is(x.rt_arr_get_i64(sorted, BigInt(i), 1), BigInt(i));
  assert.is(h.show(x.rt_arr_reverse(d)), '[2, 9, 1, 8, 3, 5]');
  let u = x.rt_arr_sort_in_place(h.ints([3, 1, 2]));
  assert.is(h.show(u), '[1, 2, 3]');
  assert.is(h.read(x.rt_arr_join(h.strs(['2024', '06', '15']), h.str('-'))), '2024-06-15');
  assert.is(h.read(x.rt_arr_join(h.ints([1, 2, 3]), h.str(', '))), '1, 2, 3');
  assert.is(h.read(x.rt_arr_join(h.refs([]), h.str(','))), '');
  const letters = h.strs(['a', 'b', 'c', 'd', 'e']);
  assert.is(h.show(x.rt_arr_slice_m(letters, 1n, 3n)), '["b", "c"]');
  assert.is(h.show(x.rt_arr_take(letters, 2n)), '["a", "b"]');
  assert.is(h.show(x.rt_arr_skip(letters, 3n)), '["d", "e"]');
  assert.is(h.show(x.rt_arr_take(letters, 99n)), '["a", "b", "c", "d", "e"]');
  const m = h.strs(['ann', 'bob', 'cy']), e = h.strs(['bob', 'dee']);
  assert.is(h.show(x.rt_arr_union(m, e)), '["ann", "bob", "cy", "dee"]');
  assert.is(h.show(x.rt_arr_intersection(m, e)), '["bob"]');
  assert.is(h.show(x.rt_arr_difference(m, e)), '["ann", "cy"]');
  assert.is(h.show(x.rt_arr_unique(h.ints([3, 1, 3, 2, 1, 3]))), '[3, 1, 2]');
  assert.is(h.show(x.rt_arr_flatten(h.refs([h.ints([1, 2]), h.ints([3]), h.refs([]), h.refs([h.int(4), h.ints([5])])]))), '[1, 2, 3, 4, [5]]');
  assert.is(h.show(x.rt_arr_enumerate(h.strs(['red', 'green']))), '[(0, "red"), (1, "green")]');
  assert.is(h.show(x.rt_arr_zip(h.ints([1, 2, 3]), h.strs(['x', 'y']))), '[(1, "x"), (2, "y")]');
  let a = h.ints([1, 3]);
  a = x.rt_arr_insert(a, 1n, h.int(2), 1);
  assert.is(h.show(a), '[1, 2, 3]');
  const out = x.rt_alloc(4);
  a = x.rt_arr_remove(a, 0n, out, 1);
  assert.is(h.show(h.i32(out)), '1');
  assert.is(h.show(a), '[2, 3]');
  a = x.rt_arr_extend(a, h.ints([4, 5]), 1);
  assert.is(h.show(a), '[2, 3, 4, 5]');
  a = x.rt_arr_extend(a, h.strs(['s']), 1 * 1) ;
  assert.is(h.show(a), '[2, 3, 4, 5, "s"]');
  a = x.rt_arr_clear(a);
  assert.is(h.show(a), '[]');
  // arrays are heterogeneous: an int pushed into a float array stays an int (the array becomes boxes)
  let p = x.rt_arr_push_dyn(h.floats([1]), h.int(2), 1);
  assert.is(h.show(p), '[1.0, 2]');
  p = x.rt_arr_set_dyn(p, 0n, h.flt(0.5), 1);
  assert.is(h.show(p), '[0.5, 2]');
  assert.match(h.panics(() => x.rt_arr_remove(h.ints([]), 0n, 0, 6)), 'prog.ruchy:6: panic: index out of bounds');
});

test('dyn operators', () => {
  const h = rt();
  const { x } = h;
  assert.is(h.show(x.rt_dyn_add(h.int(2), h.int(3), 1)), '5');
  assert.is(h.show(x.rt_dyn_add(h.int(2), h.flt(0.5), 1)), '2.5');
  assert.is(h.show(x.rt_dyn_add(h.str('x'), h.int(1), 1)), 'x1');
  assert.is(h.show(x.rt_dyn_add(h.strs(['a']), h.str('!'), 1)), '["a"]!');
  assert.is(h.show(x.rt_dyn_add(h.ints([1]), h.ints([2]), 1)), '[1, 2]');
  assert.is(h.show(x.rt_dyn_sub(h.int(2), h.int(3), 1)), '-1');
  assert.is(h.show(x.rt_dyn_mul(h.str('ab'), h.int(2), 1)), 'abab');
  assert.is(h.show(x.rt_dyn_mul(h.flt(1.5), h.int(2), 1)), '3.0');
  assert.is(h.show(x.rt_dyn_div(h.int(-7), h.int(2), 1)), '-3');
  assert.is(h.show(x.rt_dyn_rem(h.int(-7), h.int(2), 1)), '-1');
  assert.is(h.show(x.rt_dyn_div(h.int(7), h.flt(2), 1)), '3.5');
  assert.is(h.show(x.rt_dyn_pow(h.int(2), h.int(10), 1)), '1024');
  assert.is(h.show(x.rt_dyn_pow(h.int(2), h.int(-1), 1)), '0.5');
  assert.is(h.show(x.rt_dyn_neg(h.flt(2), 1)), '-2.0');
  assert.is(h.show(x.rt_dyn_not(x.rt_true(), 1)), 'false');
  assert.is(h.show(x.rt_dyn_bitand(h.int(6), h.int(3), 1)), '2');
  assert.is(h.show(x.rt_dyn_bitor(h.int(6), h.int(3), 1)), '7');
  assert.is(h.show(x.rt_dyn_bitxor(h.int(6), h.int(3), 1)), '5');
  assert.is(h.show(x.rt_dyn_shl(h.int(1), h.int(4), 1)), '16');
  assert.is(h.show(x.rt_dyn_shr(h.int(-16), h.int(2), 1)), '-4');
  assert.is(x.rt_dyn_lt(h.int(1), h.flt(1.5), 1), 1);
  assert.is(x.rt_dyn_le(h.str('a'), h.str('a'), 1), 1);
  assert.is(x.rt_dyn_gt(h.str('b'), h.str('a'), 1), 1);
  assert.is(x.rt_dyn_ge(h.int(1), h.int(2), 1), 0);
  assert.is(x.rt_dyn_truthy(x.rt_false(), 1), 0);
  assert.is(x.rt_dyn_truthy(x.rt_nil(), 1), 0);
  assert.is(x.rt_dyn_truthy(h.int(0), 1), 1);
  assert.is(x.rt_dyn_len(h.str('héllo'), 1), 6n);
  assert.is(x.rt_dyn_len(h.ints([1, 2]), 1), 2n);
  assert.is(x.rt_dyn_len(h.pair(h.int(1), h.int(2)), 1), 2n);
  assert.is(x.rt_dyn_len(x.rt_range_new(0n, 3n, 1), 1), 4n);
  assert.is(h.show(x.rt_dyn_index(h.ints([7, 8]), h.int(1), 1)), '8');
  assert.is(h.show(x.rt_dyn_index(h.str('héllo'), h.int(1), 1)), 'é');
  assert.is(h.show(x.rt_dyn_index(h.map([[h.str('k'), h.int(1)]]), h.str('k'), 1)), '1');
  assert.is(h.show(x.rt_dyn_index(h.pair(h.int(1), h.str('b')), h.int(1), 1)), 'b');
  assert.is(h.read(x.rt_type_name(h.flt(1))), 'float');
  assert.is(h.read(x.rt_type_name(h.obj(K.STRUCT, h.T.Team, [[EK.REF, h.str('a')], [EK.REF, h.refs([])], [EK.REF, x.rt_none()]]))), 'Team');
  assert.is(x.rt_int_pow(3n, 4n, 1), 81n);
  assert.is(x.rt_f64_pow(2, 0.5), Math.SQRT2);
  assert.is(x.rt_f64_rem(-7.5, 2), -1.5);
  assert.match(h.panics(() => x.rt_dyn_add(h.int(9223372036854775807n), h.int(1), 2)), 'prog.ruchy:2: panic: integer overflow');
  let h2 = rt(); assert.match(h2.panics(() => h2.x.rt_dyn_mul(h2.int(4611686018427387904n), h2.int(2), 1)), 'overflow');
  h2 = rt(); assert.match(h2.panics(() => h2.x.rt_int_pow(10n, 19n, 1)), 'overflow');
  h2 = rt(); assert.match(h2.panics(() => h2.x.rt_dyn_div(h2.int(1), h2.int(0), 3)), 'division by zero');
  h2 = rt(); assert.match(h2.panics(() => h2.x.rt_dyn_rem(h2.int(1), h2.int(0), 3)), 'remainder by zero');
  h2 = rt(); assert.match(h2.panics(() => h2.x.rt_dyn_sub(h2.str('a'), h2.int(0), 3)), /cannot apply `-` to str and int/);
  h2 = rt(); assert.match(h2.panics(() => h2.x.rt_unbox_i64(h2.str('a'), 3)), 'expected int, found str');
});

test('builtins: unwrap / expect / assert_eq / conversions / math', () => {
  const h = rt();
  const { x } = h;
  assert.is(h.show(x.rt_unwrap(h.some(h.int(3)), 1)), '3');
  assert.is(h.show(x.rt_unwrap(h.obj(K.ENUM, h.T.Ok, [[EK.REF, h.str('v')]]), 1)), 'v');
  assert.is(h.show(x.rt_expect(h.some(h.int(4)), h.str('m'), 1)), '4');
  assert.is(h.show(x.rt_unwrap_or(x.rt_none(), h.int(0))), '0');
  assert.is(h.show(x.rt_unwrap_or(h.some(h.int(2)), h.int(0))), '2');
  assert.is(x.rt_is_some(h.some(h.int(1))), 1);
  assert.is(x.rt_is_none(x.rt_none()), 1);
  assert.is(x.rt_is_ok(x.rt_ok(h.int(1))), 1);
  assert.is(x.rt_is_err(x.rt_err(h.int(1))), 1);
  assert.is(h.show(x.rt_some(h.str('a'))), 'Some("a")');
  assert.is(h.show(x.rt_err(h.str('a'))), 'Err("a")');
  x.rt_assert_eq(h.int(1), h.flt(1), 1);
  x.rt_assert_ne(h.int(1), h.int(2), 1);
  assert.is(h.read(x.rt_str_of(h.flt(3))), '3.0');
  assert.is(h.read(x.rt_i64_to_str(-5n)), '-5');
  assert.is(h.read(x.rt_f64_to_str(2.5)), '2.5');
  assert.is(h.read(x.rt_bool_to_str(0)), 'false');
  assert.is(x.rt_int_of(h.flt(-4.8), 1), -4n);
  assert.is(x.rt_int_of(x.rt_true(), 1), 1n);
  assert.is(x.rt_int_of(h.str('123'), 1), 123n);
  assert.is(x.rt_float_of(h.int(3), 1), 3);
  assert.is(x.rt_float_of(h.str('2.5'), 1), 2.5);
  assert.is(x.rt_parse_int(h.str('-17'), 1), -17n);
  assert.is(x.rt_parse_float(h.str('6.25'), 1), 6.25);
  assert.is(x.rt_abs_i64(-7n, 1), 7n);
  assert.is(x.rt_abs_f64(-2.5), 2.5);
  assert.is(x.rt_min_i64(3n, 9n), 3n);
  assert.is(x.rt_max_i64(3n, 9n), 9n);
  assert.is(x.rt_min_f64(2.5, 1.5), 1.5);
  assert.is(x.rt_max_f64(2.5, 1.5), 2.5);
  assert.is(h.show(x.rt_dyn_max(h.int(4), h.flt(2.5), 1)), '4.0');
  assert.is(h.show(x.rt_dyn_min(h.int(4), h.int(-1), 1)), '-1');
  assert.is(h.show(x.rt_dyn_abs(h.int(-3), 1)), '3');
  assert.is(h.show(x.rt_dyn_pow_fn(h.int(2), h.int(10), 1)), '1024');
  assert.is(h.show(x.rt_dyn_pow_fn(h.flt(2), h.int(3), 1)), '8.0');
  assert.is(x.rt_sqrt_f64(144), 12);
  assert.is(x.rt_floor_f64(-3.2), -4);
  assert.is(x.rt_ceil_f64(-3.7), -3);
  assert.is(x.rt_round_f64(2.5), 3);
  assert.is(x.rt_round_f64(-2.5), -3);
  assert.is(x.rt_round_f64(3.49), 3);
  assert.is(x.rt_floor_int(3.7), 3n);
  assert.is(x.rt_ceil_int(3.2), 4n);
  assert.is(x.rt_round_int(-2.5), -3n);
  assert.is(x.rt_f64_to_int(9.99), 9n);
  assert.is(x.rt_f64_to_int(1e300), 9223372036854775807n);
  assert.is(x.rt_i64_to_f64(7n), 7);
  assert.is(x.rt_pow_f64(2, 3), 8);
  assert.is(x.rt_int_pow_m(-12n, 2n, 1), 144n);
  assert.is(x.rt_i64_id(5n), 5n);
  assert.is(x.rt_f64_id(5.5), 5.5);
  assert.is(h.show(x.rt_range_to_array(0n, 10n, 3n, 1)), '[0, 3, 6, 9]');
  assert.is(h.show(x.rt_range_to_array(5n, 0n, -2n, 1)), '[5, 3, 1]');
  assert.is(h.show(x.rt_iter_array(x.rt_range_new(1n, 3n, 1), 1)), '[1, 2, 3]');
  assert.is(h.show(x.rt_iter_array(h.str('hé'), 1)), '["h", "é"]');
  assert.is(h.show(x.rt_iter_array(h.ints([1]), 1)), '[1]');
  assert.is(h.show(x.rt_iter_array(h.map([[h.str('a'), h.int(1)]]), 1)), '[("a", 1)]');
  assert.is(x.rt_map_is_empty(x.rt_map_new()), 1);
  assert.is(h.show(x.rt_map_clear(h.map([[h.int(1), h.int(2)]]))), '{}');
  assert.is(h.show(x.rt_map_get_or_nil(h.map([]), h.int(1))), 'nil');
  let h2 = rt(); assert.match(h2.panics(() => h2.x.rt_unwrap(h2.x.rt_none(), 5)), 'prog.ruchy:5: panic: called `Option::unwrap()` on a `None` value');
  h2 = rt(); assert.match(h2.panics(() => h2.x.rt_unwrap(h2.x.rt_err(h2.str('empty quantity')), 5)), 'called `Result::unwrap()` on an `Err` value: "empty quantity"');
  h2 = rt(); assert.match(h2.panics(() => h2.x.rt_expect(h2.x.rt_none(), h2.str('needed it'), 5)), 'panic: needed it');
  h2 = rt(); assert.match(h2.panics(() => h2.x.rt_assert_eq(h2.int(550), h2.int(600), 10)), /prog\.ruchy:10: panic: assertion `left == right` failed\n  left: 550\n right: 600/);
  h2 = rt(); assert.match(h2.panics(() => h2.x.rt_assert_ne(h2.int(1), h2.int(1), 10)), 'left != right');
  h2 = rt(); assert.match(h2.panics(() => h2.x.rt_parse_int(h2.str(' 1'), 2)), "cannot parse ' 1' as int");
  h2 = rt(); assert.match(h2.panics(() => h2.x.rt_range_to_array(0n, 1n, 0n, 2)), 'step');
});

test('dyn methods dispatch on the receiver kind', () => {
  const h = rt();
  const { x } = h;
  assert.is(h.show(x.rt_dm_len(h.str('héllo'), 1)), '6');
  assert.is(h.show(x.rt_dm_len(h.ints([1, 2]), 1)), '2');
  assert.is(h.show(x.rt_dm_len(h.pair(h.int(1), h.int(2)), 1)), '2');
  assert.is(h.show(x.rt_dm_contains(h.str('abc'), h.str('b'), 1)), 'true');
  assert.is(h.show(x.rt_dm_contains(h.ints([1]), h.int(1), 1)), 'true');
  assert.is(h.show(x.rt_dm_get(h.map([[h.str('a'), h.int(1)]]), h.str('a'), 1)), 'Some(1)');
  assert.is(h.show(x.rt_dm_get(h.ints([5]), h.int(0), 1)), '5');
  assert.is(h.show(x.rt_dm_substring(h.str('hello'), h.int(1), h.int(3), 1)), 'el');
  assert.is(h.show(x.rt_dm_abs(h.int(-2), 1)), '2');
  assert.is(h.show(x.rt_dm_abs(h.flt(-2), 1)), '2.0');
  assert.is(h.show(x.rt_dm_to_string(h.pair(h.int(1), h.str('a')), 1)), '(1, "a")');
  assert.is(h.show(x.rt_dm_unwrap(h.some(h.int(1)), 1)), '1');
  let a = x.rt_dm_push(h.ints([1]), h.int(2), 1);
  assert.is(h.show(a), '[1, 2]');
  const out = x.rt_alloc(4);
  a = x.rt_dm_pop(a, out, 1);
  assert.is(h.show(h.i32(out)), '2');
  let m = x.rt_dm_insert(x.rt_map_new(), h.str('k'), h.int(1), 1);
  assert.is(h.show(m), '{k: 1}');
  m = x.rt_dm_remove(m, h.str('k'), out, 1);
  assert.is(h.show(h.i32(out)), 'Some(1)');
  a = x.rt_dm_remove(h.ints([7, 8]), h.int(0), out, 1);
  assert.is(h.show(h.i32(out)), '7');
  assert.match(h.panics(() => x.rt_dm_trim(h.int(1), 8)), 'prog.ruchy:8: panic: no method `trim` on type int');
});

// ------------------------------------------------------------------ methods.json: every entry runs
test('methods.json: every method and function runs on a sample value', () => {
  const h = rt();
  const { x } = h;
  const sampleRecv = {
    str: () => h.str('  Hello, Wörld 42 '), int: () => 7n, float: () => 2.5, bool: () => 1,
    arr: () => h.refs([h.int(3), h.int(1), h.int(2)]), arr_int: () => h.ints([3, 1, 2]), arr_float: () => h.floats([1.5, 0.5]),
    arr_bool: () => x.rt_arr_push_bool(x.rt_arr_new(EK.BOOL, 0), 1), arr_ref: () => h.strs(['b', 'a']),
    map: () => h.map([[h.str('a'), h.int(1)], [h.str('b'), h.int(2)]]), option: () => h.some(h.int(1)),
    result: () => x.rt_ok(h.int(1)), range: () => x.rt_range_new(0n, 3n, 0),
  };
  const boxed = { int: () => h.int(1), float: () => h.flt(1.5), bool: () => x.rt_true(), str: () => h.str('l') };
  const param = (p, cls) => {
    if (p === 'int') return 1n;
    if (p === 'float') return 1.5;
    if (p === 'bool') return 1;
    if (p === 'str') return h.str('l');
    if (p === 'elem') return cls === 'arr_int' ? 1n : cls === 'arr_float' ? 1.5 : cls === 'arr_bool' ? 1 : h.int(1);
    if (p.startsWith('arr')) return sampleRecv[cls]?.() ?? h.ints([1]);
    if (p === 'map') return sampleRecv.map();
    return h.int(1);
  };
  let count = 0;
  for (const [cls, ms] of Object.entries(methods.methods)) {
    for (const [name, m] of Object.entries(ms)) {
      let recv, args;
      if (cls === 'dyn') {
        // the first typed class implementing the method provides the receiver and argument kinds
        const [tc, tt] = Object.entries(methods.methods).find(([c, t]) => c !== 'dyn' && t[name]);
        const tm = tt[name];
        const r = sampleRecv[tc]();
        recv = tc === 'int' ? h.int(r) : tc === 'float' ? h.flt(r) : tc === 'bool' ? x.rt_true() : r;
        args = tm.params.map(p => (boxed[p] ?? (p === 'elem' ? () => h.int(1) : () => param(p, tc)))());
      } else {
        recv = sampleRecv[cls]();
        args = m.params.map(p => param(p, cls));
      }
      const outp = m.out ? [x.rt_alloc(4)] : [];
      const line = m.line ? [1] : [];
      let r;
      try { r = x[m.fn](recv, ...args, ...outp, ...line); } catch (e) { if (!(e instanceof Exit)) throw e; r = 'panicked'; }
      assert.ok(r !== undefined || m.ret === 'nil', `${cls}.${name}`);
      count++;
    }
  }
  const sampleFn = { int: () => 5n, float: () => 2.25, bool: () => 1, str: () => h.str('12'), dyn: () => h.int(-3), arr: () => h.ints([1]), map: () => sampleRecv.map() };
  for (const [name, overloads] of Object.entries(methods.functions)) {
    for (const m of overloads) {
      if (name === 'assert_eq' || name === 'assert_ne' || name === 'assert') {
        // run the passing case
        const args = name === 'assert' ? [1, h.str('m')] : name === 'assert_eq' ? [h.int(1), h.int(1)] : [h.int(1), h.int(2)];
        x[m.fn](...args, 1);
      } else {
        const args = m.params.map(p => sampleFn[p]());
        try { x[m.fn](...args, ...(m.line ? [1] : [])); } catch (e) { if (!(e instanceof Exit)) throw e; }
      }
      count++;
    }
  }
  assert.ok(count > 150);
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
