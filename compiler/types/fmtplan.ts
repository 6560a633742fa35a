// The arguments of a format string: which expression each placeholder of `println("{} {0} {x:>5}",
// a)` / `format!(...)` shows, in Rust's rules (`{}` takes the next positional argument, `{N}` the
// N-th, `{name}` a `name = value` argument or else the variable `name`; `N$`, `name$`, `.*` take a
// width or precision from an argument). The plan depends on the syntax only, so it is computed once
// per call and shared by the checker (which infers the argument expressions) and the lowering.
import type { Expr } from '../syntax/ast.ts';
import type { Span } from '../diagnostics.ts';
import { type FmtCount, type FmtSpec, hasPlaceholder, parseFormatString, parseSpec } from '../syntax/fmtspec.ts';
import { type Ty, showTy } from './types.ts';

export interface PlanPiece {
  text?: string;
  /** index into FmtPlan.args of the value shown */
  arg?: number;
  spec?: FmtSpec;
  specSpan?: Span;
  /** indices into FmtPlan.args of a width / precision taken from an argument */
  width?: number;
  prec?: number;
}

export interface FmtPlan {
  /** the expressions evaluated, in order: the explicit arguments (the value of `name = value`), then variables named by placeholders */
  args: Expr[];
  pieces: PlanPiece[];
  /** `parse`: a malformed string or spec; `type`: arguments that do not match it */
  errors: { kind: 'parse' | 'type'; message: string; span: Span }[];
}

const plans = new WeakMap<Expr[], FmtPlan | null>();

/**
 * The plan of a call whose first argument is a format string, or null when it is not one:
 * println / print / eprintln / eprint (`always` false) format only when given more than one argument
 * and their string has a placeholder (else they print their arguments separated by spaces, as the
 * reference does); format! (`always`) always formats.
 */
export function formatPlan(args: Expr[], always: boolean, callSpan: Span): FmtPlan | null {
  if (plans.has(args)) return plans.get(args)!;
  const plan = makePlan(args, always, callSpan);
  plans.set(args, plan);
  return plan;
}

const namedArg = (e: Expr): { name: string; value: Expr } | null =>
  e.kind === 'Assign' && e.op === '=' && e.target.kind === 'Ident' ? { name: e.target.name, value: e.value } : null;

function makePlan(args: Expr[], always: boolean, callSpan: Span): FmtPlan | null {
  const first = args[0];
  if (!first || first.kind !== 'Lit' || first.value.kind !== 'str') {
    if (!always) return null;
    return { args: [], pieces: [], errors: [{ kind: 'type', message: 'format! needs a string literal as its first argument', span: first?.span ?? callSpan }] };
  }
  const text = first.value.value;
  if (!always && (args.length < 2 || !hasPlaceholder(text))) return null;
  const lit = first.span;
  // a span inside the literal when its source is the text between quotes, else the whole literal
  const plain = lit.end - lit.start === text.length + 2;
  const at = (offset: number, length: number): Span => plain && !text.slice(0, offset).includes('\n')
    ? { start: lit.start + 1 + offset, end: lit.start + 1 + offset + Math.max(1, length), line: lit.line, col: lit.col + 1 + offset }
    : lit;

  const plan: FmtPlan = { args: [], pieces: [], errors: [] };
  const err = (kind: 'parse' | 'type', message: string, span: Span) => plan.errors.push({ kind, message, span });
  const named = new Map<string, number>();
  let positional = 0;
  for (const a of args.slice(1)) {
    const n = namedArg(a);
    if (n) named.set(n.name, plan.args.length);
    else if (named.size) err('type', 'positional arguments cannot follow named arguments', a.span);
    else positional++;
    plan.args.push(n ? n.value : a);
  }
  const explicit = plan.args.length;
  const used = new Array<boolean>(explicit).fill(false);
  const captured = new Map<string, number>();
  let next = 0;
  const resolve = (ref: number | string | null, span: Span): number | undefined => {
    if (ref === null) {
      if (next >= positional) {
        err('type', `the format string has more \`{}\` placeholders than the ${positional} argument${positional === 1 ? '' : 's'} given`, span);
        return undefined;
      }
      ref = next++;
    }
    if (typeof ref === 'number') {
      if (ref >= explicit) {
        err('type', `invalid reference to argument ${ref} (there ${explicit === 1 ? 'is 1 argument' : `are ${explicit} arguments`}; they count from 0)`, span);
        return undefined;
      }
      used[ref] = true;
      return ref;
    }
    const i = named.get(ref) ?? captured.get(ref);
    if (i !== undefined) {
      if (i < explicit) used[i] = true;
      return i;
    }
    // `{name}` with no `name = value` argument: the variable `name`, as in Rust 2021
    captured.set(ref, plan.args.length);
    plan.args.push({ kind: 'Ident', name: ref, span });
    return plan.args.length - 1;
  };
  const count = (c: FmtCount | undefined, span: Span): number | undefined => {
    if (!c || 'n' in c) return undefined;
    return resolve('next' in c ? null : c.arg, span);
  };

  const parsed = parseFormatString(text);
  if (parsed.error) err('parse', parsed.error.message, at(parsed.error.offset, parsed.error.length));
  for (const p of parsed.pieces) {
    if ('text' in p) { plan.pieces.push({ text: p.text }); continue; }
    const where = at(p.offset, p.length);
    const piece: PlanPiece = {};
    if (p.spec !== undefined) {
      const specSpan = at(p.specOffset, p.spec.length);
      const spec = parseSpec(p.spec);
      if ('message' in spec) {
        err('parse', spec.message, at(p.specOffset + spec.offset, spec.length));
        continue;
      }
      piece.spec = spec;
      piece.specSpan = specSpan;
      // Rust takes `.*`'s precision before the value, and `N$` widths by reference
      piece.width = count(spec.width, specSpan);
      piece.prec = count(spec.prec, specSpan);
    }
    piece.arg = resolve(p.arg, where);
    if (piece.arg !== undefined) plan.pieces.push(piece);
  }
  args.slice(1).forEach((a, i) => {
    if (used[i] || plan.errors.length) return;
    const n = namedArg(a);
    err('type', n ? `named argument \`${n.name}\` is never used by the format string` : 'argument never used by the format string', a.span);
  });
  return plan;
}

/** Why a value of type t cannot be shown with spec (Rust's rules: `x`/`X`/`o`/`b` need an integer,
 *  `e`/`E` a number), or null; a dyn value is checked at run time. */
export function specTypeError(spec: FmtSpec, t: Ty): string | null {
  if (t.k === 'dyn' || t.k === 'never' || t.k === 'int') return null;
  const ty = spec.type;
  if (ty === 'x' || ty === 'X' || ty === 'o' || ty === 'b') return `\`{:${ty}}\` needs an integer, found ${showTy(t)}`;
  if ((ty === 'e' || ty === 'E') && t.k !== 'float') return `\`{:${ty}}\` needs a number, found ${showTy(t)}`;
  return null;
}

/** Why a width or precision argument of type t is not usable, or null. */
export function countTypeError(t: Ty): string | null {
  return t.k === 'int' || t.k === 'dyn' || t.k === 'never' ? null : `a width or precision argument must be an integer, found ${showTy(t)}`;
}
