// Blocks and statements (`let`, expression statements, nested items), and error recovery.
import type { Block, Stmt } from './ast.ts';
import { ParseError, type ParserState } from './state.ts';
import type { Token } from './tokens.ts';
import { describeToken } from './tokens.ts';
import { parseExpr } from './expressions.ts';
import { parsePattern } from './patterns.ts';
import { parseType } from './types.ts';
import { atItem, parseItem } from './items.ts';
import { CONTINUES_AT_LINE_START } from './operators.ts';

/** A statement must end with `;`, a line break, `}` or the end of the file. */
function expectStmtEnd(p: ParserState, what: string): boolean {
  if (p.eat(';')) return true;
  if (p.at('}') || p.eof || p.tok.nl) return false;
  p.fail(`expected \`;\` or a new line after ${what}, found ${describeToken(p.tok)}`);
}

export function parseLet(p: ParserState): Stmt {
  const start = p.next().start; // let / var
  const pattern = parsePattern(p);
  const stmt: Stmt = { kind: 'Let', pattern, span: p.from(start) };
  if (p.eat(':')) stmt.type = parseType(p);
  if (p.at('=')) {
    p.next();
    stmt.init = parseExpr(p);
    if (p.at('else') && !p.tok.nl) {
      p.next();
      stmt.elseBlock = parseBlock(p);
    }
  } else if (!p.at(';') && !p.at('}') && !p.eof && !p.tok.nl) {
    p.fail(`expected \`=\` or \`;\` after the \`let\` pattern, found ${describeToken(p.tok)}`);
  }
  stmt.span = p.from(start);
  expectStmtEnd(p, 'the `let` statement');
  return stmt;
}

/** one statement (several for `use a::{b, c}`) */
export function parseStmt(p: ParserState): Stmt[] {
  const start = p.tok.start;
  if (p.at('let') || p.at('var')) return [parseLet(p)];
  if (atItem(p)) {
    const items = parseItem(p);
    p.eat(';');
    return items.map(item => ({ kind: 'ItemStmt', item, span: item.span }));
  }
  const expr = parseExpr(p);
  const semi = expectStmtEnd(p, 'the expression');
  return [{ kind: 'ExprStmt', expr, semi, span: p.from(start) }];
}

/** keywords that begin a statement or item: a line starting with one ends an unclosed `(`/`[` */
export const SYNC_KEYWORDS: ReadonlySet<string> = new Set(['let', 'var', 'fun', 'fn', 'struct', 'class', 'enum', 'impl', 'trait', 'use', 'const', 'pub', 'for', 'while', 'loop', 'if', 'match', 'return']);

const STMT_START_PUNCT = new Set(['(', '[', '|', '||', '-', '!', '*', '&', '{']);

function startsStatement(t: Token): boolean {
  switch (t.kind) {
    case 'ident': case 'int': case 'float': case 'str': case 'char': case 'fstr': case 'label': return true;
    case 'kw': return !CONTINUES_AT_LINE_START.has(t.text) && t.text !== 'else' && t.text !== 'in';
    case 'punct': return STMT_START_PUNCT.has(t.text);
    default: return false;
  }
}

/**
 * Skips tokens after a syntax error until a plausible statement boundary: a `;`, the `}` closing the
 * enclosing block, or a line that starts a new statement once the brackets left open by the failed
 * statement are closed. `inMatch` also stops after a `,` (the next match arm).
 */
export function recover(p: ParserState, stmtStart: number, errPos: number, inBlock: boolean, inMatch = false): void {
  // brackets the failed statement left open, innermost last
  const pending: string[] = [];
  const CLOSER: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (let i = stmtStart; i < errPos && i < p.toks.length; i++) {
    const t = p.toks[i];
    if (t.kind !== 'punct') continue;
    if (t.text === '(' || t.text === '[' || t.text === '{') pending.push(t.text);
    else if (CLOSER[t.text]) {
      const k = pending.lastIndexOf(CLOSER[t.text]);
      if (k >= 0) pending.length = k;
    }
  }
  if (p.pos < errPos) p.pos = errPos;
  // a `,`, `:` or `=>` where a statement should end: we are probably inside a list whose opening bracket is
  // missing, so only a statement keyword at the start of a line or a stray closer ends the skipping
  const errTok = p.toks[errPos];
  if (errTok && errTok.kind === 'punct' && (errTok.text === ',' || errTok.text === '=>' || errTok.text === ':') && !pending.length && !inMatch) pending.push('?');
  let depth = 0;
  const openBraces = () => pending.includes('{');
  while (!p.eof) {
    const t = p.tok;
    if (depth === 0) {
      if (t.kind === 'punct' && t.text === ';' && !pending.length) { p.next(); return; }
      if (t.kind === 'punct' && CLOSER[t.text]) {
        const k = pending.lastIndexOf(CLOSER[t.text]);
        if (k >= 0) { pending.length = k; p.next(); continue; }
        if (pending[pending.length - 1] === '?' && (t.text !== '}' || !inBlock)) { pending.pop(); p.next(); continue; }
        if (t.text === '}') {
          if (inBlock) return;
          if (p.pos > errPos) return;
        }
        p.next(); // a stray closer
        continue;
      }
      if (inMatch && !pending.length && t.kind === 'punct' && t.text === ',') { p.next(); return; }
      if (p.pos > stmtStart && t.nl && !openBraces() && (pending.length === 0 ? startsStatement(t) : t.kind === 'kw' && SYNC_KEYWORDS.has(t.text))) return;
    }
    if (t.kind === 'punct') {
      if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
      else if (CLOSER[t.text] && depth > 0) depth--;
    }
    p.next();
  }
}

/** Statements up to `}` (inside a block) or the end of file (top level), with error recovery. */
export function parseStatements(p: ParserState, inBlock: boolean): Stmt[] {
  const stmts: Stmt[] = [];
  while (!p.eof) {
    if (p.at('}')) {
      if (inBlock) break;
      p.report({ kind: 'parse', message: 'unexpected `}`: there is no open block to close here', span: p.tokSpan() });
      p.next();
      continue;
    }
    if (p.eat(';')) continue;
    const startPos = p.pos;
    try {
      stmts.push(...parseStmt(p));
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      p.report(err.diagnostic);
      if (!err.resume || p.pos === startPos) recover(p, startPos, err.pos, inBlock);
    }
  }
  return stmts;
}

export function parseBlock(p: ParserState): Block {
  const open = p.tok;
  if (!p.at('{')) p.fail(`expected \`{\` to start a block, found ${describeToken(open)}`);
  p.next();
  const stmts = p.withNoStruct(false, () => parseStatements(p, true));
  if (!p.at('}')) {
    const where = p.lines.span(open.start, open.end);
    p.fail(`expected \`}\` to close the block opened at ${where.line}:${where.col}, found ${describeToken(p.tok)}`);
  }
  p.next();
  const block: Block = { stmts, span: p.from(open.start) };
  const last = stmts[stmts.length - 1];
  if (last && last.kind === 'ExprStmt' && !last.semi) {
    stmts.pop();
    block.tail = last.expr;
  }
  return block;
}
