// Collects the program's items (functions, structs, classes, enums, traits, impls) into lookup
// tables, and converts written types (TypeExpr) into static types (Ty).
import type { EnumDecl, FunDecl, Program, StructDecl, TraitDecl, TypeExpr, Stmt, ConstDecl } from '../syntax/ast.ts';
import { type Diagnostic, diag } from '../diagnostics.ts';
import { type Ty, INT, FLOAT, BOOL, STR, NIL, DYN, arr, option, result, RANGE, FN } from './types.ts';

export interface Decls {
  funs: Map<string, FunDecl>;
  structs: Map<string, StructDecl>;
  enums: Map<string, EnumDecl>;
  traits: Map<string, TraitDecl>;
  consts: Map<string, ConstDecl>;
  /** methods by type name then method name: inherent, trait impls, then trait defaults */
  methods: Map<string, Map<string, FunDecl>>;
  /** type parameter names in scope for each method/function declaration */
  typeParams: Map<FunDecl, Set<string>>;
  /** which enum declares a variant name (for bare variant names such as `Red` after `use`) */
  variantOwner: Map<string, string>;
}

export function collectDecls(program: Program, diags: Diagnostic[]): Decls {
  const d: Decls = {
    funs: new Map(), structs: new Map(), enums: new Map(), traits: new Map(), consts: new Map(),
    methods: new Map(), typeParams: new Map(), variantOwner: new Map(),
  };
  const impls: { target: string; trait?: string; methods: FunDecl[]; typeParams: string[] }[] = [];
  const visit = (stmts: Stmt[]) => {
    for (const s of stmts) {
      if (s.kind !== 'ItemStmt') continue;
      const it = s.item;
      switch (it.kind) {
        case 'Fun':
          if (d.funs.has(it.name)) diags.push(diag('name', `function \`${it.name}\` is defined twice`, it.nameSpan));
          d.funs.set(it.name, it);
          d.typeParams.set(it, new Set(it.typeParams.map(p => p.name)));
          break;
        case 'Struct':
          d.structs.set(it.name, it);
          impls.push({ target: it.name, methods: it.methods, typeParams: it.typeParams.map(p => p.name) });
          break;
        case 'Enum':
          d.enums.set(it.name, it);
          for (const v of it.variants) if (!d.variantOwner.has(v.name)) d.variantOwner.set(v.name, it.name);
          break;
        case 'Trait': d.traits.set(it.name, it); break;
        case 'Impl': {
          const target = it.target.kind === 'TName' ? it.target.name : '?';
          impls.push({ target, trait: it.trait, methods: it.methods, typeParams: it.typeParams.map(p => p.name) });
          break;
        }
        case 'Const': d.consts.set(it.name, it); break;
        default: break;
      }
    }
  };
  visit(program.body);
  for (const im of impls) {
    let table = d.methods.get(im.target);
    if (!table) d.methods.set(im.target, table = new Map());
    for (const m of im.methods) {
      table.set(m.name, m);
      d.typeParams.set(m, new Set([...im.typeParams, ...m.typeParams.map(p => p.name)]));
    }
  }
  // trait default methods fill in what an implementation leaves out
  for (const im of impls) {
    if (!im.trait) continue;
    const tr = d.traits.get(im.trait);
    if (!tr) continue;
    const table = d.methods.get(im.target)!;
    for (const m of tr.methods) {
      if (m.body && !table.has(m.name)) {
        table.set(m.name, m);
        d.typeParams.set(m, new Set(m.typeParams.map(p => p.name)));
      }
    }
  }
  return d;
}

/** Converts a written type; type parameters and unknown generic shapes become dyn. */
export function tyOf(t: TypeExpr | undefined, d: Decls, params: Set<string> | undefined, self?: Ty): Ty {
  if (!t) return DYN;
  switch (t.kind) {
    case 'TArray': return arr(tyOf(t.elem, d, params, self));
    case 'TTuple': return t.elems.length === 0 ? NIL : { k: 'tuple', elems: t.elems.map(e => tyOf(e, d, params, self)) };
    case 'TRef': return tyOf(t.inner, d, params, self);
    case 'TFn': return FN;
    case 'TImpl': case 'TInfer': return DYN;
    case 'TName': {
      if (params?.has(t.name)) return DYN;
      const a = t.args.map(x => tyOf(x, d, params, self));
      switch (t.name) {
        case 'i8': case 'i16': case 'i32': case 'i64': case 'i128': case 'isize':
        case 'u8': case 'u16': case 'u32': case 'u64': case 'u128': case 'usize': case 'int':
          return INT;
        case 'f32': case 'f64': case 'float': return FLOAT;
        case 'bool': return BOOL;
        case 'String': case 'str': case 'char': return STR;
        case 'Vec': case 'List': return arr(a[0] ?? DYN);
        case 'Option': return option(a[0] ?? DYN);
        case 'Result': return result(a[0] ?? DYN, a[1] ?? DYN);
        case 'HashMap': case 'BTreeMap': case 'Map': return { k: 'map', key: a[0] ?? DYN, value: a[1] ?? DYN };
        case 'Box': case 'Rc': case 'RefCell': return a[0] ?? DYN;
        case 'Range': return RANGE;
        case 'Self': return self ?? DYN;
        case 'Any': case 'Value': return DYN;
        default:
          if (d.structs.has(t.name)) return { k: 'struct', name: t.name };
          if (d.enums.has(t.name)) return { k: 'enum', name: t.name };
          return DYN;
      }
    }
  }
}
