// Static data: string literals, type descriptors and immortal objects, laid out in the runtime
// ABI's formats (runtime-as/ABI.md) with rc = -1.
import type { DataObj } from './ir.ts';

export const K = { NIL: 0, BOOL: 1, INT: 2, FLOAT: 3, STR: 4, ARRAY: 5, TUPLE: 6, STRUCT: 7, ENUM: 8, MAP: 9, CLOSURE: 10, RANGE: 11, CLASS: 12, CELL: 13 } as const;
export const SK = { REF: 0, INT: 1, FLOAT: 2, BOOL: 3 } as const;

export interface FieldDesc { name: string | null; slotKind: number }
export interface Descriptor {
  kind: number;
  name: string | null;
  variant: string | null;
  variantIndex: number;
  enumId: number;
  fields: FieldDesc[];
  shape: number;
}

export class DataBuilder {
  readonly objs: DataObj[] = [];
  private strs = new Map<string, number>();
  readonly descriptors: Descriptor[] = [];
  private descIds = new Map<string, number>();

  private add(bytes: Uint8Array, relocs: DataObj['relocs'] = [], align = 8): number {
    const id = this.objs.length;
    this.objs.push({ id, bytes, relocs, align });
    return id;
  }

  /** A zeroed scratch word (the `out` argument of runtime calls that produce a second value). */
  scratch(): number {
    if (this.scratchId === undefined) this.scratchId = this.add(new Uint8Array(8));
    return this.scratchId;
  }
  private scratchId: number | undefined;

  /** An immortal STR object. */
  str(s: string): number {
    const hit = this.strs.get(s);
    if (hit !== undefined) return hit;
    const utf8 = new TextEncoder().encode(s);
    const b = new Uint8Array(20 + utf8.length);
    const v = new DataView(b.buffer);
    v.setInt32(0, -1, true);
    b[4] = K.STR;
    v.setInt32(8, utf8.length, true);
    v.setInt32(12, [...s].length, true);
    v.setInt32(16, utf8.length, true);
    b.set(utf8, 20);
    const id = this.add(b);
    this.strs.set(s, id);
    return id;
  }

  /** Registers a descriptor; returns its typeId. Ids 0-3 are None, Some, Ok, Err. */
  typeId(d: Descriptor): number {
    const key = JSON.stringify(d);
    const hit = this.descIds.get(key);
    if (hit !== undefined) return hit;
    const id = this.descriptors.length;
    this.descriptors.push(d);
    this.descIds.set(key, id);
    return id;
  }

  /** An immortal object with no slots (unit enum variants, None). */
  unitObject(kind: number, typeId: number): number {
    const b = new Uint8Array(8);
    const v = new DataView(b.buffer);
    v.setInt32(0, -1, true);
    b[4] = kind;
    v.setUint16(6, typeId, true);
    return this.add(b);
  }

  /** Emits every descriptor and the table of pointers to them; returns the table's id. */
  finishDescriptors(): number {
    const ptrs: number[] = [];
    for (const d of this.descriptors) {
      const fb = new Uint8Array(8 * d.fields.length);
      const fv = new DataView(fb.buffer);
      const frel: DataObj['relocs'] = [];
      d.fields.forEach((f, i) => {
        if (f.name !== null) frel.push({ offset: 8 * i, target: this.str(f.name) });
        fv.setInt32(8 * i + 4, f.slotKind, true);
      });
      const fields = this.add(fb, frel, 4);
      const b = new Uint8Array(32);
      const v = new DataView(b.buffer);
      const rel: DataObj['relocs'] = [{ offset: 24, target: fields }];
      v.setInt32(0, d.kind, true);
      if (d.name !== null) rel.push({ offset: 4, target: this.str(d.name) });
      if (d.variant !== null) rel.push({ offset: 8, target: this.str(d.variant) });
      v.setInt32(12, d.variantIndex, true);
      v.setInt32(16, d.enumId, true);
      v.setInt32(20, d.fields.length, true);
      v.setInt32(28, d.shape, true);
      ptrs.push(this.add(b, rel, 4));
    }
    const tb = new Uint8Array(4 * Math.max(1, ptrs.length));
    return this.add(tb, ptrs.map((p, i) => ({ offset: 4 * i, target: p })), 4);
  }
}

/** The reserved descriptors every program has: None, Some, Ok, Err. */
export function builtinDescriptors(d: DataBuilder): void {
  const one = [{ name: null, slotKind: SK.REF }];
  d.typeId({ kind: K.ENUM, name: 'Option', variant: 'None', variantIndex: 0, enumId: 0, fields: [], shape: 0 });
  d.typeId({ kind: K.ENUM, name: 'Option', variant: 'Some', variantIndex: 1, enumId: 0, fields: one, shape: 1 });
  d.typeId({ kind: K.ENUM, name: 'Result', variant: 'Ok', variantIndex: 0, enumId: 1, fields: one, shape: 1 });
  d.typeId({ kind: K.ENUM, name: 'Result', variant: 'Err', variantIndex: 1, enumId: 1, fields: one, shape: 1 });
  // 4: the pair the runtime builds (map entries, enumerate, zip); identical to a lowered 2-tuple
  d.typeId({ kind: K.TUPLE, name: null, variant: null, variantIndex: 0, enumId: -1, fields: [{ name: null, slotKind: SK.REF }, { name: null, slotKind: SK.REF }], shape: 1 });
}
