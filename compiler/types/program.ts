// The typed program: the type phase's output and the IR lowering's input. The AST is kept as is;
// each function instance (a function specialised for one tuple of argument types) carries side
// tables that give every expression its type, every name its variable, every call its target.
import type { Expr, FunDecl, Pattern, Program } from '../syntax/ast.ts';
import type { Decls } from './decls.ts';
import type { Ty } from './types.ts';
import type { RtMethod } from './methods.ts';

export interface VarInfo {
  id: number;
  name: string;
  ty: Ty;
  mutable: boolean;
  /** top-level `let` of the script: a wasm global, visible from functions */
  global: boolean;
  /** captured by a closure: lives in a heap cell holding a boxed value (its type is dyn) */
  captured: boolean;
}

export type CallTarget =
  | { k: 'fun'; inst: Instance }                       // direct call of a specialised function or method
  | { k: 'closure' }                                   // call of a function value through the dyn ABI
  | { k: 'builtin'; name: string }                     // println, len, range, abs, assert, Some, ...
  | { k: 'variant'; enumName: string; variant: string } // Enum::Variant(args)
  | { k: 'rt'; method: RtMethod }                      // a runtime method from runtime-as/methods.json
  | { k: 'intrinsic'; name: string }                   // methods the compiler expands itself (map, push, unwrap, ...)
  | { k: 'dispatch'; method: string; targets: { typeName: string; inst: Instance }[] }; // user method on a dyn receiver

export type InstanceKind = 'script' | 'fun' | 'closure';

export interface Instance {
  /** unique wasm function name */
  name: string;
  kind: InstanceKind;
  decl?: FunDecl;
  closure?: Extract<Expr, { kind: 'Closure' }>;
  /** for methods: the receiver's static type and variable */
  selfVar?: VarInfo;
  /** for methods and associated functions: the type `Self` means */
  owner?: Ty;
  params: VarInfo[];
  ret: Ty;
  types: Map<Expr, Ty>;
  refs: Map<Expr, VarInfo>;
  binds: Map<Pattern, VarInfo>;
  calls: Map<Expr, CallTarget>;
  /** closures: the outer variables they capture, in environment order */
  captures: VarInfo[];
  /** closures created inside this instance, by literal */
  closureInsts: Map<Expr, Instance>;
  /** named functions used as values inside this instance: the dyn-ABI instance to wrap */
  fnValues: Map<Expr, Instance>;
}

export interface TypedProgram {
  program: Program;
  decls: Decls;
  script: Instance;
  instances: Instance[];
  globals: VarInfo[];
  /** does the script call `main` itself? if not and main exists, main runs after the script */
  runMainAfter: Instance | null;
  /** library targets: the exported functions (`pub fun`, and `main`), each specialised for its
   * annotated parameter types (dyn where unannotated) */
  exports: { name: string; inst: Instance }[];
  /** the runtime's method table the program was checked against */
  methodsTable: import('./methods.ts').MethodTable;
}
