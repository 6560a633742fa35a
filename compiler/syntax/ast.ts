// The Ruchy abstract syntax tree: what the parser produces and the type phase consumes.
// Every node carries a Span. Nodes are plain data (no methods, no parent links); `kind` discriminates.

import type { Span } from '../diagnostics.ts';

// ---------------------------------------------------------------- types written in source
export type TypeExpr =
  | { kind: 'TName'; name: string; args: TypeExpr[]; span: Span }        // i64, String, Option<T>, Point, Self, HashMap<K,V>
  | { kind: 'TArray'; elem: TypeExpr; span: Span }                        // [T]  (also Vec<T> is a TName)
  | { kind: 'TTuple'; elems: TypeExpr[]; span: Span }                     // (A, B); () is the unit type
  | { kind: 'TFn'; params: TypeExpr[]; ret: TypeExpr; span: Span }        // fn(A) -> B, impl Fn(A) -> B
  | { kind: 'TRef'; mutable: boolean; inner: TypeExpr; span: Span }      // &T, &mut T (transparent)
  | { kind: 'TImpl'; bounds: string[]; span: Span }                      // impl Trait (+ Trait)
  | { kind: 'TInfer'; span: Span };                                       // _

// ---------------------------------------------------------------- patterns
export type Pattern =
  | { kind: 'PWild'; span: Span }                                         // _
  | { kind: 'PBind'; name: string; mutable: boolean; sub?: Pattern; span: Span } // x, mut x, x @ pat
  | { kind: 'PLit'; value: LitValue; span: Span }                         // 1, -1, "a", 'c', true, nil
  | { kind: 'PRange'; lo?: LitValue; hi?: LitValue; inclusive: boolean; span: Span } // 1..=9, 'a'..='z', 5.., ..=9 (at least one bound)
  | { kind: 'PTuple'; elems: Pattern[]; span: Span }                     // (a, _, 0)
  | { kind: 'PArray'; elems: Pattern[]; rest?: { index: number; bind?: string }; span: Span } // [], [h, ..t], [..]
  | { kind: 'PPath'; path: string[]; span: Span }                        // None, Weekday::Mon, Shape::Dot
  | { kind: 'PVariant'; path: string[]; args: Pattern[]; span: Span }    // Some(x), Shape::Rect(w, h)
  | { kind: 'PStruct'; path: string[]; fields: { name: string; pat: Pattern; span: Span }[]; rest: boolean; span: Span } // Point { x, y: 0, .. }
  | { kind: 'POr'; alts: Pattern[]; span: Span };                        // a | b

export type LitValue =
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'char'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'nil' };

// ---------------------------------------------------------------- expressions
export type BinaryOp =
  | '+' | '-' | '*' | '/' | '%' | '**'
  | '==' | '!=' | '<' | '<=' | '>' | '>='
  | '&&' | '||' | '&' | '|' | '^' | '<<' | '>>';

export type AssignOp = '=' | '+=' | '-=' | '*=' | '/=' | '%=' | '**=' | '&=' | '|=' | '^=' | '<<=' | '>>=';

export interface FStringPart {
  /** literal text (escapes and `{{`/`}}` already decoded) or an interpolation */
  text?: string;
  expr?: Expr;
  /** the format spec after `:` verbatim, e.g. ".2", ">8", "05.1"; absent when none */
  spec?: string;
  /** where the spec is in the source */
  specSpan?: Span;
}

export interface Param {
  pattern: Pattern;            // usually PBind; `self` params are not listed here (see FunDecl.self)
  type?: TypeExpr;
  span: Span;
}

export type Expr =
  | { kind: 'Lit'; value: LitValue; span: Span }
  | { kind: 'FString'; parts: FStringPart[]; span: Span }
  | { kind: 'Ident'; name: string; span: Span }                          // includes `self`
  | { kind: 'Path'; path: string[]; span: Span }                         // Weekday::Mon, Rect::new, HashMap::new
  | { kind: 'Unary'; op: '-' | '!' | '~'; expr: Expr; span: Span }
  | { kind: 'Binary'; op: BinaryOp; left: Expr; right: Expr; span: Span }
  | { kind: 'Assign'; op: AssignOp; target: Expr; value: Expr; span: Span } // target: Ident | Field | Index | TupleField
  | { kind: 'Call'; callee: Expr; args: Expr[]; span: Span }
  | { kind: 'MethodCall'; receiver: Expr; method: string; args: Expr[]; methodSpan: Span; span: Span }
  | { kind: 'Macro'; name: string; args: Expr[]; span: Span }            // panic!(..), vec![..], format!(..), println!(..), assert!(..)
  | { kind: 'Field'; expr: Expr; name: string; nameSpan: Span; span: Span }
  | { kind: 'TupleField'; expr: Expr; index: number; span: Span }        // t.0
  | { kind: 'Index'; expr: Expr; index: Expr; span: Span }               // a[i], a[1..3] (index is a Range)
  | { kind: 'Range'; start?: Expr; end?: Expr; inclusive: boolean; span: Span }
  | { kind: 'Array'; elems: Expr[]; span: Span }
  | { kind: 'ArrayRepeat'; value: Expr; count: Expr; span: Span }       // [0; n]
  | { kind: 'Tuple'; elems: Expr[]; span: Span }                          // (a, b); () is Unit
  | { kind: 'Object'; entries: { key: string; value: Expr; span: Span }[]; span: Span } // {a: 1, "b c": 2}, {}
  | { kind: 'StructLit'; path: string[]; fields: { name: string; value: Expr; span: Span }[]; base?: Expr; span: Span } // Point { x, y: 1 }; field shorthand gives value Ident
  | { kind: 'Block'; block: Block; span: Span }
  | { kind: 'If'; cond: Expr; then: Block; else?: Expr; span: Span }    // else is a Block expr or another If/IfLet
  | { kind: 'IfLet'; pattern: Pattern; value: Expr; then: Block; else?: Expr; span: Span }
  | { kind: 'Match'; scrutinee: Expr; arms: MatchArm[]; span: Span }
  | { kind: 'While'; cond: Expr; body: Block; label?: string; span: Span }
  | { kind: 'WhileLet'; pattern: Pattern; value: Expr; body: Block; label?: string; span: Span }
  | { kind: 'Loop'; body: Block; label?: string; block?: boolean; span: Span } // block: a labelled block `'a: { .. }`, run once (body = `break 'a { .. }`)
  | { kind: 'For'; pattern: Pattern; iter: Expr; body: Block; label?: string; span: Span }
  | { kind: 'Break'; label?: string; value?: Expr; span: Span }
  | { kind: 'Continue'; label?: string; span: Span }
  | { kind: 'Return'; value?: Expr; span: Span }
  | { kind: 'Closure'; params: Param[]; ret?: TypeExpr; body: Expr; span: Span } // |a, b| expr, || { ... }, move |x| ...
  | { kind: 'Try'; expr: Expr; span: Span }                               // expr?
  | { kind: 'Cast'; expr: Expr; type: TypeExpr; span: Span };            // expr as T

export interface MatchArm {
  pattern: Pattern;
  guard?: Expr;
  body: Expr;
  span: Span;
}

// ---------------------------------------------------------------- statements and blocks
export type Stmt =
  | { kind: 'Let'; pattern: Pattern; type?: TypeExpr; init?: Expr; elseBlock?: Block; span: Span } // let [mut] pat [: T] = e
  | { kind: 'ExprStmt'; expr: Expr; semi: boolean; span: Span }
  | { kind: 'ItemStmt'; item: Item; span: Span };                        // fun/struct/... nested in a block

export interface Block {
  stmts: Stmt[];
  /** the final expression without a trailing `;` — the block's value. Absent: the block is nil/unit. */
  tail?: Expr;
  span: Span;
}

// ---------------------------------------------------------------- items
export interface TypeParam { name: string; bounds: string[]; span: Span }

export interface FunDecl {
  kind: 'Fun';
  name: string;
  nameSpan: Span;
  isPub: boolean;
  typeParams: TypeParam[];
  /** receiver: absent for free functions and associated functions (Type::new) */
  self?: { mutable: boolean; span: Span };   // &self, &mut self, self, mut self
  params: Param[];
  ret?: TypeExpr;
  /** absent for trait method signatures without a default body */
  body?: Block;
  span: Span;
}

export interface FieldDecl { name: string; type: TypeExpr; isPub: boolean; default?: Expr; span: Span }

export interface StructDecl {
  kind: 'Struct';
  /** 'class' instances are shared references; 'struct' values are copied */
  flavor: 'struct' | 'class';
  name: string;
  nameSpan: Span;
  isPub: boolean;
  typeParams: TypeParam[];
  fields: FieldDecl[];
  /** methods written inside the struct/class body (incl. class constructors `new(...)`) */
  methods: FunDecl[];
  span: Span;
}

export interface VariantDecl {
  name: string;
  shape: 'unit' | 'tuple' | 'struct';
  /** tuple variants: types in order (names are '0', '1', ...); struct variants: named fields */
  fields: { name: string; type: TypeExpr; span: Span }[];
  /** explicit discriminant `A = 1` if written */
  discriminant?: bigint;
  span: Span;
}

export interface EnumDecl {
  kind: 'Enum';
  name: string;
  nameSpan: Span;
  isPub: boolean;
  typeParams: TypeParam[];
  variants: VariantDecl[];
  span: Span;
}

export interface ImplDecl {
  kind: 'Impl';
  typeParams: TypeParam[];
  /** the type the methods belong to, e.g. Rectangle, Stack<T> */
  target: TypeExpr;
  trait?: string;
  methods: FunDecl[];
  span: Span;
}

export interface TraitDecl {
  kind: 'Trait';
  name: string;
  nameSpan: Span;
  isPub: boolean;
  /** signatures (body absent) and default methods (body present) */
  methods: FunDecl[];
  span: Span;
}

export interface UseDecl { kind: 'Use'; path: string[]; span: Span }
export interface ConstDecl { kind: 'Const'; name: string; nameSpan: Span; type?: TypeExpr; value: Expr; span: Span }
export interface TypeAliasDecl { kind: 'TypeAlias'; name: string; type: TypeExpr; span: Span }

export type Item = FunDecl | StructDecl | EnumDecl | ImplDecl | TraitDecl | UseDecl | ConstDecl | TypeAliasDecl;

/** A whole file: items and top-level statements, interleaved in source order. */
export interface Program {
  file: string;
  body: Stmt[];   // top-level items appear as ItemStmt, in order
  span: Span;
}
