// Expressions: a Pratt parser for operators, plus primary forms (literals, paths, literals of
// arrays/tuples/objects/structs, closures, control flow).
import type { Expr, FStringPart, LitValue, MatchArm, Param, TypeExpr } from './ast.ts';
import { type Span, diag } from '../diagnostics.ts';
import { parseSpec } from './fmtspec.ts';
import { ParseError, ParserState } from './state.ts';
import { type Token, describeToken } from './tokens.ts';
import { BINARY_BP, CAST_BP, CONTINUES_AT_LINE_START, RANGE_BP, RIGHT_ASSOC, assignOp, binaryOp } from './operators.ts';
import { parseType, parseTypeArgs } from './types.ts';
import { parsePattern } from './patterns.ts';
import { SYNC_KEYWORDS, parseBlock, recover } from './statements.ts';
import { lex } from './lexer.ts';

const isUpper = (s: string) => /^\p{Lu}/u.test(s);
const EXPR_KEYWORDS = new Set(['true', 'false', 'nil', 'null', 'self', 'if', 'match', 'loop', 'while', 'for', 'fun', 'fn', 'return', 'break', 'continue', 'super', 'crate']);
const EXPR_PUNCT = new Set(['(', '[', '{', '-', '!', '~', '|', '||', '&', '&&', '*', '..', '..=']);

/** The current token can begin an expression on the same line (used after `return`, `break`, `..`). */
function startsExprHere(p: ParserState, allowBrace = true): boolean {
  const t = p.tok;
  if (t.nl) return false;
  switch (t.kind) {
    case 'int': case 'float': case 'str': case 'char': case 'fstr': case 'ident': case 'label': return true;
    case 'kw': return EXPR_KEYWORDS.has(t.text);
    case 'punct': return EXPR_PUNCT.has(t.text) && (allowBrace || t.text !== '{');
    default: return false;
  }
}

/** an operator token that may continue the current expression */
function continues(t: Token): boolean {
  return !t.nl || CONTINUES_AT_LINE_START.has(t.text);
}

export function parseExpr(p: ParserState): Expr {
  const start = p.tok.start;
  const left = parseBinary(p, 0);
  const t = p.tok;
  const op = t.kind === 'punct' ? assignOp(t.text) : undefined;
  if (op && continues(t)) {
    if (left.kind !== 'Ident' && left.kind !== 'Field' && left.kind !== 'Index' && left.kind !== 'TupleField') {
      p.failAt(`invalid assignment target: only a variable, a field or an indexed element can be assigned`, left.span);
    }
    p.next();
    const value = parseExpr(p);
    return { kind: 'Assign', op, target: left, value, span: p.from(start) };
  }
  return left;
}

/** expression in a position where braces open a block (`if`, `while`, `for`, `match` heads) */
export function parseCondExpr(p: ParserState): Expr {
  return p.withNoStruct(true, () => parseExpr(p));
}

function parseBinary(p: ParserState, minBp: number): Expr {
  const start = p.tok.start;
  let left = parseUnary(p);
  for (;;) {
    const t = p.tok;
    if (!(t.kind === 'punct' || (t.kind === 'kw' && t.text === 'as')) || !continues(t)) break;
    if (t.text === 'as') {
      if (CAST_BP < minBp) break;
      p.next();
      const type = parseType(p);
      left = { kind: 'Cast', expr: left, type, span: p.from(start) };
      continue;
    }
    if (t.text === '..' || t.text === '..=') {
      if (RANGE_BP < minBp) break;
      p.next();
      const inclusive = t.text === '..=';
      const end = startsExprHere(p, false) ? parseBinary(p, RANGE_BP + 1) : undefined;
      if (inclusive && !end) p.fail(`expected the end of the inclusive range after \`..=\`, found ${describeToken(p.tok)}`);
      left = end ? { kind: 'Range', start: left, end, inclusive, span: p.from(start) } : { kind: 'Range', start: left, inclusive, span: p.from(start) };
      continue;
    }
    const op = binaryOp(t.text);
    if (!op) break;
    const bp = BINARY_BP[op];
    if (bp < minBp) break;
    p.next();
    const right = parseBinary(p, RIGHT_ASSOC.has(op) ? bp : bp + 1);
    left = { kind: 'Binary', op, left, right, span: p.from(start) };
  }
  return left;
}

function parseUnary(p: ParserState): Expr {
  const start = p.tok.start;
  const t = p.tok;
  if (t.kind === 'punct') {
    if (t.text === '-' || t.text === '!' || t.text === '~') {
      p.next();
      const expr = parseUnary(p);
      return { kind: 'Unary', op: t.text, expr, span: p.from(start) };
    }
    if (t.text === '&' || t.text === '&&' || t.text === '*') {
      // references and dereferences are transparent
      p.next();
      if (t.text !== '*') p.eat('mut');
      return parseUnary(p);
    }
    if (t.text === '..' || t.text === '..=') {
      p.next();
      const inclusive = t.text === '..=';
      const end = startsExprHere(p, false) ? parseBinary(p, RANGE_BP + 1) : undefined;
      if (inclusive && !end) p.fail(`expected the end of the inclusive range after \`..=\`, found ${describeToken(p.tok)}`);
      return end ? { kind: 'Range', end, inclusive, span: p.from(start) } : { kind: 'Range', inclusive, span: p.from(start) };
    }
  }
  return parsePostfix(p, parsePrimary(p), start);
}

function parseArgs(p: ParserState, close: string, what: string, open: Token = p.prev): Expr[] {
  return p.withNoStruct(false, () => {
    const args: Expr[] = [];
    while (!p.at(close)) {
      args.push(parseExpr(p));
      if (p.eat(',')) continue;
      if (!p.at(close)) {
        const where = p.lines.span(open.start, open.end);
        p.fail(`expected \`,\` or \`${close}\` in ${what}, found ${describeToken(p.tok)} (the \`${open.text}\` opened at ${where.line}:${where.col} is not closed)`);
      }
    }
    p.next();
    return args;
  });
}

function parsePostfix(p: ParserState, e: Expr, start: number): Expr {
  for (;;) {
    const t = p.tok;
    if (t.kind !== 'punct') return e;
    if (t.text === '.') {
      p.next();
      const name = p.tok;
      if (name.kind === 'int') {
        p.next();
        e = { kind: 'TupleField', expr: e, index: Number(name.int!), span: p.from(start) };
        continue;
      }
      if (name.kind !== 'ident' && name.kind !== 'kw') p.fail(`expected a field or method name after \`.\`, found ${describeToken(name)}`);
      p.next();
      if (p.at('::') && p.peek().text === '<') { p.next(); parseTypeArgs(p); }
      if (p.at('(') && !p.tok.nl) {
        p.next();
        const args = parseArgs(p, ')', 'the argument list');
        e = { kind: 'MethodCall', receiver: e, method: name.text, args, methodSpan: p.tokSpan(name), span: p.from(start) };
      } else {
        e = { kind: 'Field', expr: e, name: name.text, nameSpan: p.tokSpan(name), span: p.from(start) };
      }
      continue;
    }
    if (t.nl) return e;
    if (t.text === '(') {
      p.next();
      const args = parseArgs(p, ')', 'the argument list');
      e = { kind: 'Call', callee: e, args, span: p.from(start) };
      continue;
    }
    if (t.text === '[') {
      p.next();
      const index = p.withNoStruct(false, () => parseExpr(p));
      if (!p.at(']')) p.fail(`expected \`]\` to close the index, found ${describeToken(p.tok)}`);
      p.next();
      e = { kind: 'Index', expr: e, index, span: p.from(start) };
      continue;
    }
    if (t.text === '?') {
      p.next();
      e = { kind: 'Try', expr: e, span: p.from(start) };
      continue;
    }
    return e;
  }
}

function lit(p: ParserState, t: Token, value: LitValue): Expr {
  p.next();
  return { kind: 'Lit', value, span: p.tokSpan(t) };
}

function parsePrimary(p: ParserState): Expr {
  const t = p.tok;
  const start = t.start;
  switch (t.kind) {
    case 'int': return lit(p, t, { kind: 'int', value: t.int! });
    case 'float': return lit(p, t, { kind: 'float', value: t.num! });
    case 'str': return lit(p, t, { kind: 'str', value: t.str! });
    case 'char': return lit(p, t, { kind: 'char', value: t.str! });
    case 'fstr': p.next(); return { kind: 'FString', parts: parseFStringParts(p, t), span: p.tokSpan(t) };
    case 'label': {
      p.next();
      p.expect(':', 'after the loop label');
      if (p.at('{')) {
        // a labelled block: `break 'label value` leaves it with a value; it is the loop that runs
        // its block once and breaks with the block's value
        const label = t.text.slice(1);
        const block = parseBlock(p);
        const run: Expr = { kind: 'Break', label, value: { kind: 'Block', block, span: block.span }, span: block.span };
        return { kind: 'Loop', label, block: true, body: { stmts: [], tail: run, span: block.span }, span: p.from(start) };
      }
      if (!p.at('for') && !p.at('while') && !p.at('loop')) p.fail(`expected \`for\`, \`while\`, \`loop\` or a block after the label \`${t.text}\`, found ${describeToken(p.tok)}`);
      return parseLoop(p, t.text.slice(1), start);
    }
    case 'ident': return parseNamed(p);
    case 'kw': break;
    case 'punct': {
      switch (t.text) {
        case '(': return parseParen(p);
        case '[': return parseArray(p);
        case '{': return parseBraceExpr(p);
        case '|': case '||': return parseClosure(p);
      }
      p.fail(`expected an expression, found ${describeToken(t)}`);
    }
    case 'eof': p.fail('expected an expression, found end of file');
    default: p.fail(`expected an expression, found ${describeToken(t)}`);
  }
  // a keyword standing where a value is expected, e.g. `println(while)`
  const after = p.peek();
  if (!['true', 'false', 'nil', 'null', 'self', 'return', 'break', 'continue', 'loop'].includes(t.text) && after.kind === 'punct' && [')', ',', ';', ']', '}', '=', '.'].includes(after.text)) {
    p.fail(`expected an expression, found keyword \`${t.text}\` (\`${t.text}\` is a reserved word and cannot be used as a name)`);
  }
  switch (t.text) {
    case 'true': case 'false': return lit(p, t, { kind: 'bool', value: t.text === 'true' });
    case 'nil': case 'null': return lit(p, t, { kind: 'nil' });
    case 'self': case 'super': case 'crate':
      if (p.peek().text === '::') return parseNamed(p);
      p.next();
      return { kind: 'Ident', name: t.text, span: p.tokSpan(t) };
    case 'if': return parseIf(p);
    case 'match': return parseMatch(p);
    case 'while': case 'loop': case 'for': return parseLoop(p, undefined, start);
    case 'return': {
      p.next();
      const value = startsExprHere(p) ? parseExpr(p) : undefined;
      return value ? { kind: 'Return', value, span: p.from(start) } : { kind: 'Return', span: p.from(start) };
    }
    case 'break': {
      p.next();
      const label = p.tok.kind === 'label' && !p.tok.nl ? p.next().text.slice(1) : undefined;
      const value = startsExprHere(p) ? parseExpr(p) : undefined;
      const e: Expr = { kind: 'Break', span: p.from(start) };
      if (label !== undefined) e.label = label;
      if (value) e.value = value;
      return e;
    }
    case 'continue': {
      p.next();
      const label = p.tok.kind === 'label' && !p.tok.nl ? p.next().text.slice(1) : undefined;
      return label !== undefined ? { kind: 'Continue', label, span: p.from(start) } : { kind: 'Continue', span: p.from(start) };
    }
    case 'fun': case 'fn': if (p.peek().text === '(') return parseAnonFun(p); break;
    case 'else': p.fail('unexpected `else`: there is no `if` right before it');
  }
  p.fail(`expected an expression, found keyword \`${t.text}\` (\`${t.text}\` is a reserved word and cannot be used as a name)`);
}

/** identifiers, paths `A::b`, macros `name!(...)`, struct literals `Point { x, y: 1 }`, `move` closures */
function parseNamed(p: ParserState): Expr {
  const first = p.next();
  const start = first.start;
  if (first.text === 'move' && (p.at('|') || p.at('||'))) return parseClosure(p, start);
  // macro call: name!(...), name![...], name!{...}
  const bang = p.tok;
  if (bang.text === '!' && bang.kind === 'punct' && bang.start === first.end && ['(', '[', '{'].includes(p.peek().text)) {
    p.next();
    const open = p.next();
    const close = open.text === '(' ? ')' : open.text === '[' ? ']' : '}';
    let args: Expr[];
    if (open.text === '[' && !p.at(']')) {
      const firstArg = p.withNoStruct(false, () => parseExpr(p));
      if (p.eat(';')) {
        const count = p.withNoStruct(false, () => parseExpr(p));
        p.expect(']', 'to close the repeat expression');
        // vec![value; n] is the array repeat expression [value; n]
        return { kind: 'ArrayRepeat', value: firstArg, count, span: p.from(start) };
      } else if (p.eat(',')) {
        args = [firstArg, ...parseArgs(p, close, 'the macro arguments')];
      } else {
        p.expect(']', 'to close the macro arguments');
        args = [firstArg];
      }
    } else {
      args = parseArgs(p, close, 'the macro arguments');
    }
    return { kind: 'Macro', name: first.text, args, span: p.from(start) };
  }
  const path = [first.text];
  while (p.at('::')) {
    p.next();
    if (p.at('<')) { parseTypeArgs(p); continue; }
    const seg = p.tok;
    if (seg.kind !== 'ident' && seg.kind !== 'kw') p.fail(`expected a name after \`::\`, found ${describeToken(seg)}`);
    p.next();
    path.push(seg.text);
  }
  if (p.at('{') && !p.noStruct && (path.length > 1 || isUpper(path[path.length - 1])) && looksLikeStructBody(p)) {
    return parseStructLit(p, path, start);
  }
  if (path.length > 1) return { kind: 'Path', path, span: p.from(start) };
  return { kind: 'Ident', name: first.text, span: p.from(start) };
}

function looksLikeStructBody(p: ParserState): boolean {
  const a = p.peek(1), b = p.peek(2);
  if (a.text === '}' && a.kind === 'punct') return true;
  if (a.text === '..' && a.kind === 'punct') return true;
  return a.kind === 'ident' && b.kind === 'punct' && (b.text === ':' || b.text === ',' || b.text === '}');
}

function parseStructLit(p: ParserState, path: string[], start: number): Expr {
  p.expect('{');
  const fields: { name: string; value: Expr; span: Span }[] = [];
  let base: Expr | undefined;
  p.withNoStruct(false, () => {
    while (!p.at('}')) {
      if (p.eat('..')) { base = parseExpr(p); p.eat(','); break; }
      const name = p.expectIdent('a field name');
      const value: Expr = p.eat(':') ? parseExpr(p) : { kind: 'Ident', name: name.text, span: p.tokSpan(name) };
      fields.push({ name: name.text, value, span: p.from(name.start) });
      if (p.eat(',')) continue;
      if (!p.at('}') && !p.tok.nl) p.fail(`expected \`,\` or \`}\` in the struct literal, found ${describeToken(p.tok)}`);
    }
  });
  p.expect('}', 'to close the struct literal');
  const e: Expr = { kind: 'StructLit', path, fields, span: p.from(start) };
  if (base) e.base = base;
  return e;
}

function parseParen(p: ParserState): Expr {
  const start = p.next().start;
  return p.withNoStruct(false, () => {
    if (p.eat(')')) return { kind: 'Tuple', elems: [], span: p.from(start) } as Expr;
    const first = parseExpr(p);
    if (p.eat(')')) return first;
    const elems = [first];
    while (p.eat(',')) {
      if (p.at(')')) break;
      elems.push(parseExpr(p));
    }
    if (!p.at(')')) p.fail(`expected \`,\` or \`)\`, found ${describeToken(p.tok)}`);
    p.next();
    return { kind: 'Tuple', elems, span: p.from(start) } as Expr;
  });
}

function parseArray(p: ParserState): Expr {
  const openTok = p.next();
  const start = openTok.start;
  return p.withNoStruct(false, () => {
    if (p.eat(']')) return { kind: 'Array', elems: [], span: p.from(start) } as Expr;
    const first = parseExpr(p);
    if (p.eat(';')) {
      const count = parseExpr(p);
      p.expect(']', 'to close the repeat expression');
      return { kind: 'ArrayRepeat', value: first, count, span: p.from(start) } as Expr;
    }
    if (p.at('for')) return parseComprehension(p, first, start);
    const elems = [first];
    if (p.eat(',')) elems.push(...parseArgs(p, ']', 'the array literal', openTok));
    else if (!p.eat(']')) {
      const where = p.lines.span(start, start + 1);
      p.fail(`expected \`,\` or \`]\` in the array literal, found ${describeToken(p.tok)} (the \`[\` opened at ${where.line}:${where.col} is not closed)`);
    }
    return { kind: 'Array', elems, span: p.from(start) } as Expr;
  });
}

/**
 * `[elem for PAT in iter (if cond)? (for PAT in iter (if cond)?)*]` after `[elem`: a list
 * comprehension, desugared into the block it means:
 * `{ let mut acc = []; for PAT in iter { if cond { ...acc.push(elem) } }; acc }`.
 */
function parseComprehension(p: ParserState, elem: Expr, start: number): Expr {
  const clauses: { pattern: import('./ast.ts').Pattern; iter: Expr; cond?: Expr; span: Span }[] = [];
  while (p.at('for')) {
    const cstart = p.next().start;
    const pattern = parsePattern(p);
    if (!p.at('in')) p.fail(`expected \`in\` after the comprehension's \`for\` pattern, found ${describeToken(p.tok)}`);
    p.next();
    const iter = parseExpr(p);
    const cond = p.eat('if') ? parseExpr(p) : undefined;
    clauses.push({ pattern, iter, ...(cond ? { cond } : {}), span: p.from(cstart) });
  }
  p.expect(']', 'to close the list comprehension');
  const span = p.from(start);
  const acc = `__comprehension_${start}`;
  const accRef = (): Expr => ({ kind: 'Ident', name: acc, span });
  let body: Expr = { kind: 'MethodCall', receiver: accRef(), method: 'push', args: [elem], methodSpan: elem.span, span: elem.span };
  for (const c of [...clauses].reverse()) {
    const inner: import('./ast.ts').Block = { stmts: [], tail: body, span: c.span };
    const guarded: Expr = c.cond ? { kind: 'If', cond: c.cond, then: inner, span: c.span } : { kind: 'Block', block: inner, span: c.span };
    body = { kind: 'For', pattern: c.pattern, iter: c.iter, body: { stmts: [], tail: guarded, span: c.span }, span: c.span };
  }
  return {
    kind: 'Block', span, block: {
      stmts: [
        { kind: 'Let', pattern: { kind: 'PBind', name: acc, mutable: true, span }, init: { kind: 'Array', elems: [], span }, span },
        { kind: 'ExprStmt', expr: body, semi: true, span },
      ],
      tail: accRef(), span,
    },
  };
}

function looksLikeObject(p: ParserState): boolean {
  const a = p.peek(1), b = p.peek(2);
  if (a.kind === 'punct' && a.text === '}') return true;
  return (a.kind === 'ident' || a.kind === 'str' || a.kind === 'kw') && b.kind === 'punct' && b.text === ':';
}

/** `{` in expression position: an object literal `{a: 1}` / `{}`, or a block */
function parseBraceExpr(p: ParserState, emptyIsBlock = false): Expr {
  const start = p.tok.start;
  if (looksLikeObject(p) && !(emptyIsBlock && p.peek(1).text === '}')) {
    p.next();
    const entries: { key: string; value: Expr; span: Span }[] = [];
    p.withNoStruct(false, () => {
      while (!p.at('}')) {
        const k = p.tok;
        if (k.kind !== 'ident' && k.kind !== 'str' && k.kind !== 'kw') p.fail(`expected a key in the object literal, found ${describeToken(k)}`);
        p.next();
        p.expect(':', 'after the object key');
        const value = parseExpr(p);
        entries.push({ key: k.kind === 'str' ? k.str! : k.text, value, span: p.from(k.start) });
        if (p.eat(',')) continue;
        if (!p.at('}') && !p.tok.nl) p.fail(`expected \`,\` or \`}\` in the object literal, found ${describeToken(p.tok)}`);
      }
    });
    p.expect('}', 'to close the object literal');
    return { kind: 'Object', entries, span: p.from(start) };
  }
  const block = parseBlock(p);
  return { kind: 'Block', block, span: block.span };
}

function parseClosure(p: ParserState, start = p.tok.start): Expr {
  let params: Param[] = [];
  if (!p.eat('||')) {
    p.expect('|', 'to start the closure parameters');
    params = parseParams(p, '|');
    p.expect('|', 'to close the closure parameters');
  }
  let ret: TypeExpr | undefined;
  if (p.eat('->')) ret = parseType(p);
  const body = p.withNoStruct(false, () => (p.at('{') ? parsePostfix(p, parseBraceExpr(p, true), p.tok.start) : parseExpr(p)));
  const e: Expr = { kind: 'Closure', params, body, span: p.from(start) };
  if (ret) e.ret = ret;
  return e;
}

/** `pat [: T], ...` up to (not including) the token `close` */
function parseParams(p: ParserState, close: string): Param[] {
  const params: Param[] = [];
  while (!p.at(close)) {
    const pstart = p.tok.start;
    const pattern = parsePattern(p, false);
    const param: Param = { pattern, span: p.from(pstart) };
    if (p.eat(':')) { param.type = parseType(p); param.span = p.from(pstart); }
    params.push(param);
    if (!p.eat(',')) break;
  }
  return params;
}

/** `fun(a, b) { ... }` in expression position: an anonymous function, represented as a closure */
function parseAnonFun(p: ParserState): Expr {
  const start = p.next().start;
  p.expect('(');
  const params = parseParams(p, ')');
  p.expect(')', 'to close the parameter list');
  let ret: TypeExpr | undefined;
  if (p.eat('->')) ret = parseType(p);
  const block = parseBlock(p);
  const e: Expr = { kind: 'Closure', params, body: { kind: 'Block', block, span: block.span }, span: p.from(start) };
  if (ret) e.ret = ret;
  return e;
}

function parseIf(p: ParserState): Expr {
  const start = p.expect('if').start;
  let e: Expr;
  if (p.eat('let')) {
    const pattern = parsePattern(p);
    p.expect('=', 'after the `if let` pattern');
    const value = parseCondExpr(p);
    const then = parseBlock(p);
    e = { kind: 'IfLet', pattern, value, then, span: p.from(start) };
  } else {
    const cond = parseCondExpr(p);
    if (!p.at('{')) p.fail(`expected \`{\` after the \`if\` condition, found ${describeToken(p.tok)}`);
    const then = parseBlock(p);
    e = { kind: 'If', cond, then, span: p.from(start) };
  }
  if (p.at('else')) {
    p.next();
    if (p.at('if')) e.else = parseIf(p);
    else {
      if (!p.at('{')) p.fail(`expected \`{\` or \`if\` after \`else\`, found ${describeToken(p.tok)}`);
      const block = parseBlock(p);
      e.else = { kind: 'Block', block, span: block.span };
    }
    e.span = p.from(start);
  }
  return e;
}

function parseLoop(p: ParserState, label: string | undefined, start: number): Expr {
  const kw = p.next();
  let e: Expr;
  if (kw.text === 'loop') {
    e = { kind: 'Loop', body: parseBlock(p), span: p.from(start) };
  } else if (kw.text === 'while') {
    if (p.eat('let')) {
      const pattern = parsePattern(p);
      p.expect('=', 'after the `while let` pattern');
      const value = parseCondExpr(p);
      e = { kind: 'WhileLet', pattern, value, body: parseBlock(p), span: p.from(start) };
    } else {
      const cond = parseCondExpr(p);
      if (!p.at('{')) p.fail(`expected \`{\` after the \`while\` condition, found ${describeToken(p.tok)}`);
      e = { kind: 'While', cond, body: parseBlock(p), span: p.from(start) };
    }
  } else {
    const pattern = parsePattern(p);
    if (!p.at('in')) p.fail(`expected \`in\` after the \`for\` pattern, found ${describeToken(p.tok)}`);
    p.next();
    const iter = parseCondExpr(p);
    if (!p.at('{')) p.fail(`expected \`{\` after the \`for\` iterable, found ${describeToken(p.tok)}`);
    e = { kind: 'For', pattern, iter, body: parseBlock(p), span: p.from(start) };
  }
  if (label !== undefined) (e as { label?: string }).label = label;
  return e;
}

function parseMatch(p: ParserState): Expr {
  const start = p.expect('match').start;
  const scrutinee = parseCondExpr(p);
  const open = p.tok;
  if (!p.at('{')) p.fail(`expected \`{\` after the \`match\` value, found ${describeToken(p.tok)}`);
  p.next();
  const arms: MatchArm[] = [];
  p.withNoStruct(false, () => {
    while (!p.at('}') && !p.eof) {
      const armStart = p.pos;
      if (p.tok.nl && p.tok.kind === 'kw' && SYNC_KEYWORDS.has(p.tok.text)) {
        // a statement keyword at the start of a line: the match was never closed
        const where = p.lines.span(open.start, open.end);
        const err = new ParseError({ kind: 'parse', message: `expected \`}\` to close the match opened at ${where.line}:${where.col}, found ${describeToken(p.tok)}`, span: p.tokSpan() }, p.pos);
        err.resume = true;
        throw err;
      }
      try {
        arms.push(parseArm(p));
      } catch (err) {
        if (!(err instanceof ParseError)) throw err;
        p.report(err.diagnostic);
        recover(p, armStart, err.pos, true, true);
      }
    }
  });
  if (!p.at('}')) {
    const where = p.lines.span(open.start, open.end);
    p.fail(`expected \`}\` to close the match opened at ${where.line}:${where.col}, found ${describeToken(p.tok)}`);
  }
  p.next();
  return { kind: 'Match', scrutinee, arms, span: p.from(start) };
}

function parseArm(p: ParserState): MatchArm {
  const start = p.tok.start;
  const pattern = parsePattern(p);
  let guard: Expr | undefined;
  if (p.eat('if')) guard = parseExpr(p);
  if (!p.at('=>')) p.fail(`expected \`=>\` after the match pattern, found ${describeToken(p.tok)}`);
  p.next();
  const body = parseExpr(p);
  const arm: MatchArm = { pattern, body, span: p.from(start) };
  if (guard) arm.guard = guard;
  if (!p.eat(',') && !p.at('}') && !p.tok.nl) p.fail(`expected \`,\` or \`}\` after the match arm, found ${describeToken(p.tok)}`);
  return arm;
}

/** Reports a malformed format spec of an f-string interpolation (`{x:q}`) at its place. */
function checkFStringSpec(p: ParserState, spec: string, at: number): void {
  const r = parseSpec(spec);
  if ('message' in r) p.report(diag('parse', r.message, p.span(at + r.offset, at + r.offset + Math.max(1, r.length))));
  else if ([r.width, r.prec].some(c => c && !('n' in c))) {
    p.report(diag('parse', 'a width or precision taken from an argument (`name$`, `N$`, `.*`) needs println!/format! arguments; in an f-string write the number', p.span(at, at + spec.length)));
  }
}

/** Parses the interpolations of an f-string token from their source ranges. */
function parseFStringParts(p: ParserState, t: Token): FStringPart[] {
  const parts: FStringPart[] = [];
  for (const raw of t.parts ?? []) {
    if ('text' in raw) { parts.push({ text: raw.text }); continue; }
    const toks = lex(p.src, p.lines, p.diags, { from: raw.exprStart, to: raw.exprEnd, escapedQuotes: true });
    const sub = new ParserState(p.src, toks, p.lines, p.diags);
    try {
      const expr = parseExpr(sub);
      if (!sub.eof) sub.fail(`unexpected ${describeToken(sub.tok)} in the f-string interpolation`);
      const part: FStringPart = { expr };
      if (raw.spec !== undefined) {
        part.spec = raw.spec;
        part.specSpan = p.span(raw.specStart!, raw.specStart! + raw.spec.length);
        checkFStringSpec(p, raw.spec, raw.specStart!);
      }
      parts.push(part);
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      p.report(err.diagnostic);
    }
  }
  return parts;
}

