// The precompiled AssemblyScript runtime: its wasm bytes, where its data ends, its exports, and
// its method table. Read once per compile from the package's runtime-as/ folder.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { MethodTable } from '../types/methods.ts';

export interface RuntimeImage {
  wasm: Uint8Array;
  /** first free byte after the runtime's static data */
  dataEnd: number;
  initialPages: number;
  segments: { offset: number; data: Uint8Array }[];
  /** export name -> internal function name */
  exports: Map<string, string>;
  exportNames: string[];
  methods: MethodTable;
  /** Binaryen's internal name of the runtime's memory */
  memoryName: string;
}

function packageRoot(): string {
  // dist/compiler.mjs or dist/cli.mjs -> package root; also works from compiler/link/ when bundled elsewhere
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'runtime-as', 'methods.json')) || existsSync(join(dir, 'runtime-as', 'build'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find runtime-as/ next to the compiler; run `node build.mjs`');
}

export function loadRuntime(root = packageRoot()): RuntimeImage {
  const wasm = new Uint8Array(readFileSync(join(root, 'runtime-as/build/runtime.wasm')));
  const methods = JSON.parse(readFileSync(join(root, 'runtime-as/methods.json'), 'utf8')) as MethodTable;
  const parsed = parseModule(wasm);
  return { wasm, methods, memoryName: '0', ...parsed };
}

/** Minimal reader for the parts of a wasm binary we need: memory, exports, active data segments. */
function parseModule(b: Uint8Array) {
  let p = 8;
  const u32 = (): number => {
    let r = 0, shift = 0;
    for (;;) {
      const byte = b[p++];
      r |= (byte & 0x7f) << shift;
      if (!(byte & 0x80)) return r >>> 0;
      shift += 7;
    }
  };
  const i32 = (): number => {
    let r = 0, shift = 0, byte;
    do { byte = b[p++]; r |= (byte & 0x7f) << shift; shift += 7; } while (byte & 0x80);
    if (shift < 32 && (byte & 0x40)) r |= ~0 << shift;
    return r | 0;
  };
  const name = (): string => { const n = u32(); const s = new TextDecoder().decode(b.subarray(p, p + n)); p += n; return s; };
  const segments: { offset: number; data: Uint8Array }[] = [];
  const exportNames: string[] = [];
  const funcExports = new Map<string, number>();
  let initialPages = 1;
  let importedFuncs = 0;
  const funcNames = new Map<number, string>();
  while (p < b.length) {
    const id = b[p++];
    const size = u32();
    const end = p + size;
    if (id === 2) { // imports
      const n = u32();
      for (let i = 0; i < n; i++) {
        name(); name();
        const kind = b[p++];
        if (kind === 0) { u32(); importedFuncs++; }
        else if (kind === 1) { p++; const f = b[p++]; u32(); if (f & 1) u32(); }
        else if (kind === 2) { const f = b[p++]; u32(); if (f & 1) u32(); }
        else if (kind === 3) { p += 2; }
      }
    } else if (id === 5) { // memory
      u32();
      const flags = b[p++];
      initialPages = u32();
      if (flags & 1) u32();
    } else if (id === 7) { // exports
      const n = u32();
      for (let i = 0; i < n; i++) {
        const nm = name();
        const kind = b[p++];
        const idx = u32();
        exportNames.push(nm);
        if (kind === 0) funcExports.set(nm, idx);
      }
    } else if (id === 11) { // data
      const n = u32();
      for (let i = 0; i < n; i++) {
        const flags = u32();
        let offset = 0;
        if (flags === 0 || flags === 2) {
          if (flags === 2) u32();
          const op = b[p++];
          if (op !== 0x41) throw new Error('runtime.wasm: unsupported data offset expression');
          offset = i32();
          p++; // end
        }
        const len = u32();
        if (flags !== 1) segments.push({ offset, data: b.slice(p, p + len) });
        p += len;
      }
    } else if (id === 0) { // custom: the name section gives internal function names
      const nm = name();
      if (nm === 'name') {
        while (p < end) {
          const sub = b[p++];
          const subSize = u32();
          const subEnd = p + subSize;
          if (sub === 1) {
            const n = u32();
            for (let i = 0; i < n; i++) { const idx = u32(); funcNames.set(idx, name()); }
          }
          p = subEnd;
        }
      }
    }
    p = end;
  }
  const dataEnd = segments.reduce((m, s) => Math.max(m, s.offset + s.data.length), 0);
  const exports = new Map<string, string>();
  for (const [nm, idx] of funcExports) exports.set(nm, funcNames.get(idx) ?? nm);
  return { dataEnd, initialPages, segments, exports, exportNames };
}

/**
 * The runtime binary with the program's static data added as one more active segment at `offset`
 * and the initial memory raised to `pages` (Binaryen cannot replace an existing memory in place).
 */
export function withProgramData(wasm: Uint8Array, offset: number, data: Uint8Array, pages: number): Uint8Array {
  const leb = (n: number): number[] => { const o: number[] = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; o.push(b); } while (n); return o; };
  const sleb = (n: number): number[] => {
    const o: number[] = [];
    for (;;) { const b = n & 0x7f; n >>= 7; if ((n === 0 && !(b & 0x40)) || (n === -1 && (b & 0x40))) { o.push(b); return o; } o.push(b | 0x80); }
  };
  const out: number[] = [...wasm.subarray(0, 8)];
  let p = 8;
  const u32 = (): number => { let r = 0, s = 0; for (;;) { const b = wasm[p++]; r |= (b & 0x7f) << s; if (!(b & 0x80)) return r >>> 0; s += 7; } };
  const section = (id: number, body: number[]) => { out.push(id, ...leb(body.length)); for (const b of body) out.push(b); };
  const segment = [0, 0x41, ...sleb(offset), 0x0b, ...leb(data.length)];
  let sawData = false;
  while (p < wasm.length) {
    const id = wasm[p++];
    const size = u32();
    const start = p, end = p + size;
    if (id === 5) {
      p = start; u32(); const flags = wasm[p++]; const initial = u32(); const rest = [...wasm.subarray(p, end)];
      section(5, [1, flags, ...leb(Math.max(initial, pages)), ...rest]);
    } else if (id === 12) {
      p = start; const n = u32();
      section(12, leb(n + (data.length ? 1 : 0)));
    } else if (id === 11 && data.length) {
      p = start; const n = u32();
      const body = [...leb(n + 1), ...wasm.subarray(p, end), ...segment];
      for (const b of data) body.push(b);
      section(11, body);
      sawData = true;
    } else {
      out.push(id, ...leb(size));
      for (let i = start; i < end; i++) out.push(wasm[i]);
    }
    p = end;
  }
  if (!sawData && data.length) throw new Error('runtime.wasm has no data section to extend');
  return new Uint8Array(out);
}
