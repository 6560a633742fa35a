// Field access by name on values whose type the compiler does not know (dyn): struct, class and
// enum-variant fields through their descriptors, object/map entries by string key.
import { K_STRUCT, K_ENUM, K_CLASS, K_MAP, K_TUPLE, kindOf, tidOf, descOf, descNFields, descFieldName, descFieldKind, slotAddr } from './abi';
import { rt_obj_unique, boxAt, storeBoxed } from './box';
import { rt_release } from './rc';
import { rt_str_eq, rt_str_append, rt_str_from_lit } from './str';
import { rt_map_index, rt_map_insert } from './map';
import { rt_panic, panicLit } from './panic';
import { rt_type_name } from './dyn';

/** index of field `name` in object p, or -1 */
function fieldIndex(p: usize, name: usize): i32 {
  const d = descOf(tidOf(p));
  const n = descNFields(d);
  for (let i = 0; i < n; i++) {
    const f = descFieldName(d, i);
    if (f != 0 && rt_str_eq(f, name) != 0) return i;
  }
  return -1;
}

function isNamedObj(k: i32): bool { return k == K_STRUCT || k == K_ENUM || k == K_CLASS; }

function noField(p: usize, name: usize, line: i32): void {
  let s = rt_str_from_lit("no field `");
  s = rt_str_append(s, name);
  s = rt_str_append(s, rt_str_from_lit("` on type "));
  s = rt_str_append(s, rt_type_name(p));
  rt_panic(s, line);
}

/** `p.name` (borrowed p): the field value, boxed and owned */
export function rt_dyn_field(p: usize, name: usize, line: i32): usize {
  const k = kindOf(p);
  if (k == K_MAP) return rt_map_index(p, name, line);
  if (isNamedObj(k)) {
    const i = fieldIndex(p, name);
    if (i >= 0) return boxAt(slotAddr(p, i), descFieldKind(descOf(tidOf(p)), i));
  }
  noField(p, name, line);
  return 0;
}

/** `p.name = v`: consumes p (copy-on-write unless it is a class instance), borrows v; returns p */
export function rt_dyn_set_field(p: usize, name: usize, v: usize, line: i32): usize {
  const k = kindOf(p);
  if (k == K_MAP) return rt_map_insert(p, name, v);
  if (isNamedObj(k)) {
    const i = fieldIndex(p, name);
    if (i >= 0) {
      if (k != K_CLASS) p = rt_obj_unique(p);
      const sk = descFieldKind(descOf(tidOf(p)), i);
      const a = slotAddr(p, i);
      if (sk == 0) rt_release(<usize>load<u32>(a));
      storeBoxed(a, sk, v, line);
      return p;
    }
  }
  noField(p, name, line);
  return p;
}

/** The receiver of a mutating method: structs, enums and tuples made unique (class instances are shared by design) */
export function rt_obj_unique_any(p: usize): usize {
  const k = kindOf(p);
  if (k == K_STRUCT || k == K_ENUM || k == K_TUPLE) return rt_obj_unique(p);
  return p;
}

/** `t.N` on a dyn value: tuple (or tuple-like) slot N, boxed and owned */
export function rt_dyn_tuple_field(p: usize, i: i32, line: i32): usize {
  const k = kindOf(p);
  if ((k == K_TUPLE || isNamedObj(k)) && i < descNFields(descOf(tidOf(p)))) return boxAt(slotAddr(p, i), descFieldKind(descOf(tidOf(p)), i));
  panicLit("tuple field access on a value that has no such field", line);
  return 0;
}
