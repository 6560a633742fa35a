// Static types. Scalars (int, float, bool, nil) are unboxed in compiled code; every other type is a
// pointer to a self-describing heap object, so those types are *knowledge* about the pointer
// (which methods and fields exist) and share one representation with `dyn`.

export type Ty =
  | { k: 'never' }                 // no value yet (bottom of the lattice)
  | { k: 'int' }
  | { k: 'float' }
  | { k: 'bool' }
  | { k: 'nil' }
  | { k: 'str' }
  | { k: 'dyn' }                   // the type varies at run time: a boxed value of any kind
  | { k: 'arr'; elem: Ty }
  | { k: 'tuple'; elems: Ty[] }
  | { k: 'struct'; name: string }  // struct or class, by declaration name
  | { k: 'enum'; name: string }
  | { k: 'option'; inner: Ty }
  | { k: 'result'; ok: Ty; err: Ty }
  | { k: 'map'; key: Ty; value: Ty }
  | { k: 'range' }
  | { k: 'fn' };                   // a closure or function value (called through the dyn ABI)

export const NEVER: Ty = { k: 'never' };
export const INT: Ty = { k: 'int' };
export const FLOAT: Ty = { k: 'float' };
export const BOOL: Ty = { k: 'bool' };
export const NIL: Ty = { k: 'nil' };
export const STR: Ty = { k: 'str' };
export const DYN: Ty = { k: 'dyn' };
export const RANGE: Ty = { k: 'range' };
export const FN: Ty = { k: 'fn' };
export const arr = (elem: Ty): Ty => ({ k: 'arr', elem });
export const option = (inner: Ty): Ty => ({ k: 'option', inner });
export const result = (ok: Ty, err: Ty): Ty => ({ k: 'result', ok, err });

/** Scalars live in wasm locals unboxed; everything else is an i32 pointer. */
export function isScalar(t: Ty): boolean {
  return t.k === 'int' || t.k === 'float' || t.k === 'bool' || t.k === 'nil';
}

export function tyEq(a: Ty, b: Ty): boolean {
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'arr': return tyEq(a.elem, (b as typeof a).elem);
    case 'tuple': {
      const bb = b as typeof a;
      return a.elems.length === bb.elems.length && a.elems.every((e, i) => tyEq(e, bb.elems[i]));
    }
    case 'struct': case 'enum': return a.name === (b as typeof a).name;
    case 'option': return tyEq(a.inner, (b as typeof a).inner);
    case 'result': return tyEq(a.ok, (b as typeof a).ok) && tyEq(a.err, (b as typeof a).err);
    case 'map': return tyEq(a.key, (b as typeof a).key) && tyEq(a.value, (b as typeof a).value);
    default: return true;
  }
}

/** Least upper bound. Different scalars, or a scalar and a pointer type, meet at dyn. */
export function join(a: Ty, b: Ty): Ty {
  if (a.k === 'never') return b;
  if (b.k === 'never') return a;
  if (tyEq(a, b)) return a;
  if (a.k === 'dyn' || b.k === 'dyn') return DYN;
  if (a.k !== b.k) return DYN;
  switch (a.k) {
    case 'arr': return arr(join(a.elem, (b as typeof a).elem));
    case 'option': return option(join(a.inner, (b as typeof a).inner));
    case 'result': return result(join(a.ok, (b as typeof a).ok), join(a.err, (b as typeof a).err));
    case 'map': return { k: 'map', key: join(a.key, (b as typeof a).key), value: join(a.value, (b as typeof a).value) };
    case 'tuple': {
      const bb = b as typeof a;
      if (a.elems.length !== bb.elems.length) return DYN;
      return { k: 'tuple', elems: a.elems.map((e, i) => join(e, bb.elems[i])) };
    }
    default: return DYN;
  }
}

/** Limits nesting so inference always terminates (arr<arr<arr<...>>> collapses to dyn). */
export function clampDepth(t: Ty, depth = 4): Ty {
  if (depth === 0) return isScalar(t) || t.k === 'never' ? t : DYN;
  switch (t.k) {
    case 'arr': return arr(clampDepth(t.elem, depth - 1));
    case 'option': return option(clampDepth(t.inner, depth - 1));
    case 'result': return result(clampDepth(t.ok, depth - 1), clampDepth(t.err, depth - 1));
    case 'map': return { k: 'map', key: clampDepth(t.key, depth - 1), value: clampDepth(t.value, depth - 1) };
    case 'tuple': return t.elems.length > 8 ? DYN : { k: 'tuple', elems: t.elems.map(e => clampDepth(e, depth - 1)) };
    default: return t;
  }
}

export function showTy(t: Ty): string {
  switch (t.k) {
    case 'int': return 'i64';
    case 'float': return 'f64';
    case 'str': return 'String';
    case 'arr': return `[${showTy(t.elem)}]`;
    case 'tuple': return `(${t.elems.map(showTy).join(', ')})`;
    case 'struct': case 'enum': return t.name;
    case 'option': return `Option<${showTy(t.inner)}>`;
    case 'result': return `Result<${showTy(t.ok)}, ${showTy(t.err)}>`;
    case 'map': return `HashMap<${showTy(t.key)}, ${showTy(t.value)}>`;
    default: return t.k;
  }
}

/** A stable key for instance caches. */
export function tyKey(t: Ty): string {
  return showTy(t);
}
