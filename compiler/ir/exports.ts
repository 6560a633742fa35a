// Library targets (node, browser, worker): the functions the host calls. Each exported Ruchy
// function gets a wrapper with the host ABI — one boxed (dyn) i32 per parameter, a boxed result
// owned by the caller — and the module describes its interface (names, annotated types, the
// runtime descriptors) in a JSON custom section for the host glue and the .d.ts generator.
import type { TypeExpr } from '../syntax/ast.ts';
import type { Instance } from '../types/program.ts';
import { DYN } from '../types/types.ts';
import type { IR, IRFunc, VT } from './ir.ts';
import type { Descriptor } from './data.ts';
import { K } from './data.ts';
import { call, coerce, vtOf } from './values.ts';

export interface ExportedFn { name: string; inst: Instance }

/** `export NAME(dyn…) -> dyn`: unbox/check the arguments, call the instance, box the result. */
export function exportWrapper(e: ExportedFn): IRFunc {
  const inst = e.inst;
  const line = inst.decl?.span.line ?? 1;
  const args: IR[] = inst.params.map((p, i) => coerce({ op: 'get', local: i, vt: 'i32' }, DYN, p.ty, line));
  const r = vtOf(inst.ret);
  const body = coerce(call(inst.name, args, r), inst.ret, DYN, line);
  return {
    name: `__export_${e.name}`,
    params: inst.params.map(() => 'i32' as VT),
    result: 'i32',
    locals: inst.params.map(p => ({ name: p.name, vt: 'i32' as VT })),
    body,
    line,
  };
}

/** A type annotation as the user wrote it (normalised spacing), or null when there is none. */
export function typeText(t: TypeExpr | undefined): string | null {
  if (!t) return null;
  switch (t.kind) {
    case 'TName': return t.args.length ? `${t.name}<${t.args.map(a => typeText(a)).join(', ')}>` : t.name;
    case 'TArray': return `[${typeText(t.elem)}]`;
    case 'TTuple': return `(${t.elems.map(x => typeText(x)).join(', ')})`;
    case 'TFn': return `fn(${t.params.map(x => typeText(x)).join(', ')}) -> ${typeText(t.ret)}`;
    case 'TRef': return typeText(t.inner);
    default: return '_';
  }
}

const KIND_NAMES: Record<number, string> = { [K.TUPLE]: 'tuple', [K.STRUCT]: 'struct', [K.ENUM]: 'enum', [K.CLASS]: 'class' };

/** The JSON of the `ruchyc.interface` custom section. */
export function interfaceJson(exports: ExportedFn[], descriptors: readonly Descriptor[]): string {
  return JSON.stringify({
    functions: exports.map(e => ({
      name: e.name,
      params: (e.inst.decl?.params ?? []).map((p, i) => ({
        name: p.pattern.kind === 'PBind' ? p.pattern.name : `arg${i}`,
        type: typeText(p.type),
      })),
      ret: typeText(e.inst.decl?.ret),
    })),
    types: descriptors.map((d, typeId) => ({
      typeId, kind: KIND_NAMES[d.kind] ?? String(d.kind), name: d.name, variant: d.variant,
      fields: d.fields.map(f => f.name),
    })),
  });
}
