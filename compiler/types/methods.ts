// The runtime's method table (runtime-as/methods.json) seen as static types: which runtime export
// implements `recv.method(args)` for a receiver class, and what it returns.
import { type Ty, INT, FLOAT, BOOL, STR, NIL, DYN, arr, option, RANGE } from './types.ts';

export interface RtMethod {
  fn: string;
  params: string[];
  ret: string;
  line?: boolean;
  consumes?: boolean;
  out?: boolean;
}

export interface MethodTable {
  methods: Record<string, Record<string, RtMethod>>;
  functions: Record<string, RtMethod[]>;
}

/** Receiver classes to try, most specific first. */
export function receiverClasses(t: Ty): string[] {
  switch (t.k) {
    case 'str': return ['str', 'dyn'];
    case 'int': return ['int', 'dyn'];
    case 'float': return ['float', 'dyn'];
    case 'bool': return ['bool', 'dyn'];
    // arrays of ints, floats and bools store them unboxed (see runtime-as/assembly/array.ts)
    case 'arr': return [`arr_${elemClass(t.elem)}`, 'arr', 'dyn'];
    case 'map': return ['map', 'dyn'];
    case 'option': return ['option', 'dyn'];
    case 'result': return ['result', 'dyn'];
    case 'range': return ['range', 'dyn'];
    default: return ['dyn'];
  }
}

/** The storage class of an array's elements: `int`, `float`, `bool` unboxed, `ref` otherwise. */
export function elemClass(t: Ty): 'int' | 'float' | 'bool' | 'ref' {
  return t.k === 'int' || t.k === 'float' || t.k === 'bool' ? t.k : 'ref';
}

export function findMethod(table: MethodTable, recv: Ty, name: string): RtMethod | undefined {
  for (const cls of receiverClasses(recv)) {
    const m = table.methods[cls]?.[name];
    if (m) return m;
  }
  return undefined;
}

/** Is `name` a method of the receiver's own class (not only of the dyn fallback)? */
export function hasOwnMethod(table: MethodTable, recv: Ty, name: string): boolean {
  return receiverClasses(recv).filter(c => c !== 'dyn').some(c => table.methods[c]?.[name] !== undefined);
}

export function elemOf(t: Ty): Ty {
  if (t.k === 'arr') return t.elem;
  if (t.k === 'str') return STR;
  if (t.k === 'range') return INT;
  return DYN;
}

/** Reads a type word of methods.json in the context of a receiver type. */
export function parseTyWord(w: string, recv: Ty): Ty {
  w = w.trim();
  switch (w) {
    case 'int': return INT;
    case 'float': return FLOAT;
    case 'bool': return BOOL;
    case 'str': return STR;
    case 'nil': return NIL;
    case 'dyn': return DYN;
    case 'elem': return elemOf(recv);
    case 'range': return RANGE;
    case 'map': return recv.k === 'map' ? recv : { k: 'map', key: DYN, value: DYN };
    case 'tuple': return DYN;
    case 'arr': return arr(DYN);
    case 'self': return recv;
  }
  const m = /^(arr|option)<(.*)>$/.exec(w);
  if (m) {
    const inner = parseTyWord(m[2], recv);
    return m[1] === 'arr' ? arr(inner) : option(inner);
  }
  return DYN;
}
