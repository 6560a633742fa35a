// Binary operator precedence (binding power: higher binds tighter) and token classification.
// Follows the reference parser: || < && < | < .. < ^ < & < equality < comparison < shift < + - < * / % < **,
// unary operators bind tighter than `**` (so `-2 ** 2` is `(-2) ** 2`), `as` binds tighter than every binary operator.
import type { AssignOp, BinaryOp } from './ast.ts';

export const BINARY_BP: Readonly<Record<string, number>> = {
  '||': 1,
  '&&': 3,
  '|': 4,
  '^': 6,
  '&': 7,
  '==': 8, '!=': 8,
  '<': 9, '<=': 9, '>': 9, '>=': 9,
  '<<': 10, '>>': 10,
  '+': 11, '-': 11,
  '*': 12, '/': 12, '%': 12,
  '**': 13,
};
/** ranges sit between `|` and `^` */
export const RANGE_BP = 5;
/** `expr as T` */
export const CAST_BP = 14;

export const RIGHT_ASSOC: ReadonlySet<string> = new Set(['**']);

export const ASSIGN_OPS: ReadonlySet<string> = new Set(['=', '+=', '-=', '*=', '/=', '%=', '**=', '&=', '|=', '^=', '<<=', '>>=']);

/** Operators that, at the start of a new line, still continue the previous expression. */
export const CONTINUES_AT_LINE_START: ReadonlySet<string> = new Set([
  '||', '&&', '^', '==', '!=', '<', '<=', '>', '>=', '<<', '>>', '+', '/', '%', '**', '.', 'as',
  ...ASSIGN_OPS,
]);

export function binaryOp(text: string): BinaryOp | undefined {
  return Object.prototype.hasOwnProperty.call(BINARY_BP, text) ? (text as BinaryOp) : undefined;
}
export function assignOp(text: string): AssignOp | undefined {
  return ASSIGN_OPS.has(text) ? (text as AssignOp) : undefined;
}
