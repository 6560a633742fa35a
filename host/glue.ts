// The JS side of a library module (targets node, browser, worker): instantiate once on the JS
// WASI (host/wasi.ts), run `_initialize`, and wrap every exported Ruchy function as a JS function
// that converts its arguments into boxed runtime values and its result back (layouts: ABI.md).
//
//   Ruchy                      JS
//   i64/int/u64/isize/usize    bigint (number accepted)      i32/u32/i16/u16/i8/u8: number
//   f64/f32/float              number                        bool: boolean
//   String/str                 string                        () / nil: undefined / null
//   Vec<int>/[int]             BigInt64Array (Int32Array for 32-bit ints), Vec<f64>: Float64Array
//   Vec<T>/[T], tuples         arrays                        structs: plain objects
//   Option<T>                  T | null                      Result<T, E>: T, Err thrown as RuchyError
//   HashMap<K, V>              Map                           other enums: { tag, ...fields } / { tag, values }
//
// A panic inside the module (rt_panic -> proc_exit(3)) becomes a thrown RuchyError whose message is
// the panic text `FILE:LINE: panic: MSG`; the instance is unusable afterwards.
import { Wasi, WasiExit, type WasiOptions } from './wasi.ts';

export interface IfaceParam { name: string; type: string | null }
export interface IfaceFn { name: string; params: IfaceParam[]; ret: string | null }
export interface IfaceType { typeId: number; kind: string; name: string | null; variant: string | null; fields: (string | null)[] }
export interface Iface {
  functions: IfaceFn[];
  types: IfaceType[];
  /** struct name -> field name -> annotated type text (added by ruchyc build from the source) */
  fieldTypes?: Record<string, Record<string, string | null>>;
}

export class RuchyError extends Error {
  constructor(message: string, readonly kind: 'panic' | 'err' = 'err') {
    super(message);
    this.name = 'RuchyError';
  }
}

const K = { NIL: 0, BOOL: 1, INT: 2, FLOAT: 3, STR: 4, ARRAY: 5, TUPLE: 6, STRUCT: 7, ENUM: 8, MAP: 9, CLOSURE: 10, RANGE: 11, CLASS: 12 };
const EK = { REF: 0, INT: 1, FLOAT: 2, BOOL: 3 };
const T_NONE = 0, T_SOME = 1, T_OK = 2, T_ERR = 3;

const INT64 = new Set(['i64', 'u64', 'int', 'isize', 'usize', 'i128', 'u128']);
const INT32 = new Set(['i32', 'u32', 'i16', 'u16', 'i8', 'u8']);
const FLOATS = new Set(['f64', 'f32', 'float']);
const STRINGS = new Set(['String', 'str', 'string']);

/** `Vec<Option<i64>>` -> { head: 'Vec', args: ['Option<i64>'] }; `[T]` -> Vec<T>; `(A, B)` -> tuple */
export function parseType(t: string | null): { head: string; args: string[] } | null {
  if (t === null) return null;
  t = t.trim().replace(/^&(mut\s+)?/, '');
  if (t.startsWith('[') && t.endsWith(']')) return { head: 'Vec', args: [t.slice(1, -1).split(';')[0].trim()] };
  if (t.startsWith('(') && t.endsWith(')')) return { head: '()', args: splitTop(t.slice(1, -1)) };
  const lt = t.indexOf('<');
  if (lt < 0) return { head: t, args: [] };
  return { head: t.slice(0, lt).trim(), args: splitTop(t.slice(lt + 1, t.lastIndexOf('>'))) };
}

function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0, cur = '';
  for (const ch of s) {
    if (ch === '<' || ch === '(' || ch === '[') depth++;
    if (ch === '>' || ch === ')' || ch === ']') depth--;
    if (ch === ',' && depth === 0) { out.push(cur.trim()); cur = ''; } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

type Exports = Record<string, (...a: unknown[]) => unknown> & { memory: WebAssembly.Memory };

/** Reads the `ruchyc.interface` section of a compiled library module. */
export function readInterface(module: WebAssembly.Module): Iface {
  const [sec] = WebAssembly.Module.customSections(module, 'ruchyc.interface');
  if (!sec) throw new Error('not a ruchyc library module (no ruchyc.interface section)');
  return JSON.parse(dec.decode(sec)) as Iface;
}

export interface LibraryOptions extends Omit<WasiOptions, 'stdout' | 'stderr'> {
  /** receives each chunk the program prints to stdout (as text) */
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

/** Ruchy lines of code offsets in the module (from its source map): [offset, line, offset, line, …]
 *  sorted by offset, line 0 = no line; lets a trap (stack overflow, unreachable) name its line. */
export interface LineTable { file: string; table: number[] }

/** `FILE[:LINE]: panic: WHAT` for a wasm trap, with the innermost wasm frame's line when known */
export function describeTrap(e: Error, lines?: LineTable): string {
  const what = e.name === 'RangeError' && /call stack/i.test(e.message) ? 'stack overflow (recursion too deep)'
    : /^unreachable/i.test(e.message) ? 'unreachable code executed (wasm trap)' : `${e.message} (wasm trap)`;
  if (!lines) return `panic: ${what}`;
  // the innermost wasm frame that has a line (runtime helpers such as the stack check have none)
  let line = 0;
  for (const m of String(e.stack).matchAll(/wasm-function\[\d+\]:0x([0-9a-f]+)/gi)) {
    const at = parseInt(m[1], 16);
    for (let i = 0; i < lines.table.length && lines.table[i] <= at; i += 2) line = lines.table[i + 1];
    if (line) break;
  }
  return `${lines.file}${line ? `:${line}` : ''}: panic: ${what}`;
}

/**
 * The marshalling layer over one instance: `new Library(iface, opts)`, instantiate the module with
 * `lib.imports` (synchronously or with instantiateStreaming), then `lib.attach(instance)` runs
 * `_initialize` and fills `lib.functions`.
 */
export class Library {
  exports!: Exports;
  readonly functions: Record<string, (...args: unknown[]) => unknown> = {};
  readonly imports: WebAssembly.Imports;
  private wasi: Wasi;
  private stderrText = '';
  private stderrSink: ((s: string) => void) | undefined;
  private dead: RuchyError | null = null;
  private typeByName = new Map<string, IfaceType>();

  constructor(readonly iface: Iface, opts: LibraryOptions = {}, readonly lines?: LineTable) {
    const outDec = new TextDecoder(), errDec = new TextDecoder();
    const wasi = this.wasi = new Wasi({
      ...opts,
      stdout: b => opts.stdout?.(outDec.decode(b, { stream: true })),
      // stderr is held until the call ends: a panic's own text goes into the thrown error only
      stderr: b => { this.stderrText += errDec.decode(b, { stream: true }); },
    });
    this.imports = wasi.imports as unknown as WebAssembly.Imports;
    this.stderrSink = opts.stderr;
    for (const t of iface.types) if (t.name && (t.kind === 'struct' || t.kind === 'class')) this.typeByName.set(t.name, t);
  }

  attach(instance: WebAssembly.Instance): this {
    this.wasi.bind(instance);
    this.exports = instance.exports as unknown as Exports;
    this.guard(() => (this.exports._initialize as () => void)());
    for (const f of this.iface.functions) this.functions[f.name] = (...args: unknown[]) => this.call(f, args);
    return this;
  }

  /** the value of a struct type by name (for hosts that build arguments, e.g. the worker's Request) */
  hasStruct(name: string): boolean { return this.typeByName.has(name); }

  /** runs f; a panic (proc_exit) becomes a RuchyError carrying the panic text */
  private guard<R>(f: () => R): R {
    if (this.dead) throw new RuchyError(`the module panicked earlier and cannot be used: ${this.dead.message}`, 'panic');
    this.stderrText = '';
    try {
      const r = f();
      (this.exports.rt_flush as () => void)(); // print / println output of the call
      return r;
    } catch (e) {
      if (e instanceof WasiExit) {
        // the runtime flushed stdout and wrote `FILE:LINE: panic: MSG` last
        const text = this.stderrText.trimEnd();
        const at = text.lastIndexOf('\n') + 1;
        this.stderrText = text.slice(0, at);
        this.dead = new RuchyError(text.slice(at) || `exit ${e.code}`, 'panic');
        throw this.dead;
      }
      if (e instanceof RuchyError) throw e;
      if (e instanceof Error && (e.name === 'RuntimeError' || (e.name === 'RangeError' && /call stack/i.test(e.message)))) {
        this.dead = new RuchyError(describeTrap(e, this.lines), 'panic');
        throw this.dead;
      }
      throw e;
    } finally {
      if (this.stderrText) this.stderrSink?.(this.stderrText);
      this.stderrText = '';
    }
  }

  private call(f: IfaceFn, args: unknown[]): unknown {
    if (args.length !== f.params.length) throw new TypeError(`${f.name}() takes ${f.params.length} argument(s) but ${args.length} were given`);
    return this.guard(() => {
      const ptrs: number[] = [];
      try {
        f.params.forEach((p, i) => ptrs.push(this.toRuchy(args[i], p.type, `${f.name}(${p.name})`)));
        const r = (this.exports[f.name] as (...a: number[]) => number)(...ptrs);
        try {
          return this.fromRuchy(r, f.ret, true);
        } finally {
          this.release(r);
        }
      } finally {
        for (const p of ptrs) this.release(p);
      }
    });
  }

  private release(p: number): void { (this.exports.rt_release as (p: number) => void)(p); }
  private x(name: string): (...a: unknown[]) => number { return this.exports[name] as (...a: unknown[]) => number; }
  private dv(): DataView { return new DataView(this.exports.memory.buffer); }

  // ---------------------------------------------------------------- JS -> Ruchy (owned result)

  toRuchy(v: unknown, type: string | null, where: string): number {
    const t = parseType(type);
    const bad = (what: string): never => { throw new TypeError(`${where}: expected ${what}, got ${describe(v)}`); };
    if (t) {
      const h = t.head;
      if (INT64.has(h) || INT32.has(h)) {
        if (typeof v === 'bigint') return this.x('rt_host_box_int')(BigInt.asIntN(64, v));
        if (typeof v === 'number' && Number.isInteger(v)) return this.x('rt_host_box_int')(BigInt(v));
        return bad(`an integer (${h})`);
      }
      if (FLOATS.has(h)) return typeof v === 'number' ? this.x('rt_host_box_float')(v) : bad(`a number (${h})`);
      if (h === 'bool') return typeof v === 'boolean' ? this.x('rt_host_box_bool')(v ? 1 : 0) : bad('a boolean');
      if (STRINGS.has(h)) return typeof v === 'string' ? this.str(v) : bad('a string');
      if (h === 'Option') {
        if (v === null || v === undefined) return this.x('rt_host_none')();
        const inner = this.toRuchy(v, t.args[0] ?? null, where);
        try { return this.x('rt_host_some')(inner); } finally { this.release(inner); }
      }
      if (h === 'Result') {
        const isErr = v instanceof Error;
        const inner = isErr ? this.str((v as Error).message) : this.toRuchy(v, t.args[0] ?? null, where);
        try { return this.x(isErr ? 'rt_host_err' : 'rt_host_ok')(inner); } finally { this.release(inner); }
      }
      if (h === 'Vec' || h === 'Array') {
        if (!Array.isArray(v) && !ArrayBuffer.isView(v)) return bad('an array');
        return this.array(Array.from(v as ArrayLike<unknown>), t.args[0] ?? null, where);
      }
      if (h === '()') {
        if (!Array.isArray(v) || v.length !== t.args.length) return bad(`a tuple of ${t.args.length}`);
        return this.array(v, null, where, t.args);
      }
      if (h === 'HashMap' || h === 'BTreeMap' || h === 'Map') {
        const entries = v instanceof Map ? [...v.entries()] : v && typeof v === 'object' ? Object.entries(v) : bad('a Map or an object');
        let m = this.x('rt_host_map_new')();
        for (const [k, val] of entries) {
          const kp = this.toRuchy(k, t.args[0] ?? null, where), vp = this.toRuchy(val, t.args[1] ?? null, where);
          m = this.x('rt_host_map_insert')(m, kp, vp);
          this.release(kp); this.release(vp);
        }
        return m;
      }
      const st = this.typeByName.get(h);
      if (st) return this.struct(v, st, where);
    }
    return this.dynToRuchy(v, where);
  }

  /** a value of no declared type: by its JS type */
  private dynToRuchy(v: unknown, where: string): number {
    if (v === null || v === undefined) return this.x('rt_host_nil')();
    if (typeof v === 'boolean') return this.x('rt_host_box_bool')(v ? 1 : 0);
    if (typeof v === 'bigint') return this.x('rt_host_box_int')(BigInt.asIntN(64, v));
    if (typeof v === 'number') return Number.isInteger(v) ? this.x('rt_host_box_int')(BigInt(v)) : this.x('rt_host_box_float')(v);
    if (typeof v === 'string') return this.str(v);
    if (Array.isArray(v) || ArrayBuffer.isView(v)) {
      const items = Array.from(v as ArrayLike<unknown>);
      const elemType = v instanceof Float64Array || v instanceof Float32Array ? 'f64' : v instanceof BigInt64Array || v instanceof Int32Array ? 'i64' : null;
      return this.array(items, elemType, where);
    }
    if (v instanceof Map) return this.toRuchy(v, 'HashMap', where);
    if (typeof v === 'object') return this.toRuchy(v, 'HashMap<String, _>', where);
    throw new TypeError(`${where}: cannot pass ${describe(v)} to Ruchy`);
  }

  private str(s: string): number {
    const b = enc.encode(s);
    const p = this.x('rt_host_str_alloc')(b.length);
    new Uint8Array(this.exports.memory.buffer, p + 20, b.length).set(b);
    return this.x('rt_host_str_done')(p);
  }

  /** an array of boxed elements (the element kind compiled code uses for every array) */
  private array(items: unknown[], elemType: string | null, where: string, tupleTypes?: string[]): number {
    const boxed = items.map((it, i) => this.toRuchy(it, tupleTypes ? tupleTypes[i] : elemType, `${where}[${i}]`));
    const a = this.x('rt_host_arr_alloc')(EK.REF, boxed.length);
    const data = this.dv().getUint32(a + 16, true);
    const v = this.dv();
    boxed.forEach((p, i) => v.setUint32(data + 4 * i, p, true)); // ownership moves into the array
    return a;
  }

  private struct(v: unknown, st: IfaceType, where: string): number {
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new TypeError(`${where}: expected a ${st.name} object, got ${describe(v)}`);
    const obj = v as Record<string, unknown>;
    const p = this.x('rt_host_obj_new')(st.kind === 'class' ? K.CLASS : K.STRUCT, st.typeId);
    const desc = this.x('rt_host_desc')(st.typeId);
    const fieldsPtr = this.dv().getUint32(desc + 24, true);
    const ftypes = this.iface.fieldTypes?.[st.name ?? ''] ?? {};
    st.fields.forEach((name, i) => {
      const fname = name ?? String(i);
      if (!(fname in obj)) throw new TypeError(`${where}: ${st.name} object is missing field '${fname}'`);
      const sk = this.dv().getInt32(fieldsPtr + 8 * i + 4, true);
      const slot = p + 8 + 8 * i;
      const fv = obj[fname];
      const ft = ftypes[fname] ?? null;
      if (sk === EK.INT) this.dv().setBigInt64(slot, BigInt(fv as number | bigint), true);
      else if (sk === EK.FLOAT) this.dv().setFloat64(slot, Number(fv), true);
      else if (sk === EK.BOOL) this.dv().setInt32(slot, fv ? 1 : 0, true);
      else {
        const b = this.toRuchy(fv, ft, `${where}.${fname}`);
        this.dv().setUint32(slot, b, true); // owned by the object
      }
    });
    return p;
  }

  // ---------------------------------------------------------------- Ruchy -> JS (borrowed p)

  fromRuchy(p: number, type: string | null, top = false): unknown {
    const dv = this.dv();
    const kind = dv.getUint8(p + 4);
    const tid = dv.getUint16(p + 6, true);
    const t = parseType(type);
    const h = t?.head;
    switch (kind) {
      case K.NIL: return h === '()' || (top && type === null) ? undefined : null;
      case K.BOOL: return dv.getInt32(p + 8, true) !== 0;
      case K.INT: return intOut(dv.getBigInt64(p + 8, true), type);
      case K.FLOAT: return dv.getFloat64(p + 8, true);
      case K.STR: return this.readStr(p);
      case K.ARRAY: {
        const n = dv.getInt32(p + 8, true), data = dv.getUint32(p + 16, true), ek = dv.getUint8(p + 5);
        const et = h === 'Vec' || h === 'Array' ? t!.args[0] ?? null : null;
        const eh = parseType(et)?.head;
        const item = (i: number): unknown => {
          const d = this.dv();
          if (ek === EK.INT) return d.getBigInt64(data + 8 * i, true);
          if (ek === EK.FLOAT) return d.getFloat64(data + 8 * i, true);
          if (ek === EK.BOOL) return d.getInt32(data + 4 * i, true) !== 0;
          return this.fromRuchy(d.getUint32(data + 4 * i, true), et);
        };
        const items = Array.from({ length: n }, (_, i) => item(i));
        if (eh && INT64.has(eh)) return BigInt64Array.from(items.map(x => BigInt(x as number | bigint)));
        if (eh && INT32.has(eh)) return Int32Array.from(items.map(x => Number(x)));
        if (eh === 'f32') return Float32Array.from(items as number[]);
        if (eh && FLOATS.has(eh)) return Float64Array.from(items as number[]);
        return items;
      }
      case K.TUPLE: {
        const ty = this.iface.types[tid];
        const n = ty ? ty.fields.length : 2;
        const ts = h === '()' ? t!.args : [];
        return Array.from({ length: n }, (_, i) => this.slot(p, i, ts[i] ?? null));
      }
      case K.STRUCT: case K.CLASS: {
        const ty = this.iface.types[tid];
        const ftypes = this.iface.fieldTypes?.[ty?.name ?? ''] ?? {};
        const o: Record<string, unknown> = {};
        (ty?.fields ?? []).forEach((name, i) => { o[name ?? String(i)] = this.slot(p, i, ftypes[name ?? ''] ?? null); });
        return o;
      }
      case K.ENUM: {
        if (tid === T_NONE) return null;
        if (tid === T_SOME) return this.slot(p, 0, h === 'Option' ? t!.args[0] ?? null : null);
        if (tid === T_OK) return this.slot(p, 0, h === 'Result' ? t!.args[0] ?? null : null);
        if (tid === T_ERR) {
          const e = this.slot(p, 0, null);
          throw new RuchyError(typeof e === 'string' ? e : this.display(p, 0));
        }
        const ty = this.iface.types[tid];
        const o: Record<string, unknown> = { tag: ty?.variant ?? String(tid) };
        const fields = ty?.fields ?? [];
        if (fields.length && fields.every(f => f !== null)) fields.forEach((f, i) => { o[f!] = this.slot(p, i, null); });
        else if (fields.length) o.values = fields.map((_, i) => this.slot(p, i, null));
        return o;
      }
      case K.MAP: {
        const entries = this.x('rt_host_map_entries')(p);
        try {
          const pairs = this.fromRuchy(entries, null) as [unknown, unknown][];
          const [kt, vt] = h && /Map$/.test(h) ? [t!.args[0] ?? null, t!.args[1] ?? null] : [null, null];
          return new Map(pairs.map(([k, v]) => [kt && typeof k === 'number' && INT64.has(parseType(kt)!.head) ? BigInt(k) : k, vt ? this.reType(v, vt) : v]));
        } finally {
          this.release(entries);
        }
      }
      case K.RANGE: return { start: dv.getBigInt64(p + 8, true), end: dv.getBigInt64(p + 16, true), inclusive: dv.getInt32(p + 24, true) !== 0 };
      case K.CLOSURE: throw new TypeError('a Ruchy function cannot be returned to JavaScript');
    }
    throw new TypeError(`unknown value kind ${kind}`);
  }

  /** values read without a type are re-read with one where it matters (int width) */
  private reType(v: unknown, type: string): unknown {
    const h = parseType(type)?.head;
    if (h && INT64.has(h) && typeof v === 'number') return BigInt(v);
    return v;
  }

  private slot(p: number, i: number, type: string | null): unknown {
    const dv = this.dv();
    const tid = dv.getUint16(p + 6, true);
    const desc = this.x('rt_host_desc')(tid);
    const sk = dv.getInt32(dv.getUint32(desc + 24, true) + 8 * i + 4, true);
    const at = p + 8 + 8 * i;
    if (sk === EK.INT) return intOut(dv.getBigInt64(at, true), type);
    if (sk === EK.FLOAT) return dv.getFloat64(at, true);
    if (sk === EK.BOOL) return dv.getInt32(at, true) !== 0;
    return this.fromRuchy(dv.getUint32(at, true), type);
  }

  private readStr(p: number): string {
    const dv = this.dv();
    return dec.decode(new Uint8Array(this.exports.memory.buffer, p + 20, dv.getInt32(p + 8, true)));
  }

  private display(p: number, i: number): string {
    const v = this.slot(p, i, null);
    return typeof v === 'object' ? JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x)) : String(v);
  }
}

/** an int for JS: bigint for 64-bit declared types, number for 32-bit and float ones; undeclared:
 *  number when it is exactly representable, else bigint */
function intOut(v: bigint, type: string | null): number | bigint {
  const h = parseType(type)?.head;
  if (h && INT64.has(h)) return v;
  if (h && (INT32.has(h) || FLOATS.has(h))) return Number(v);
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? (v.constructor?.name ?? 'an object') : `${typeof v} ${String(v)}`;
}
