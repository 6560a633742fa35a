// Patterns: let bindings, parameters, match arms, for loops, if let / while let.
import type { LitValue, Pattern } from './ast.ts';
import type { ParserState } from './state.ts';
import { describeToken } from './tokens.ts';

const isUpper = (s: string) => /^\p{Lu}/u.test(s);

/** A literal usable in a pattern (with an optional leading `-`), or undefined. */
function tryLiteral(p: ParserState): LitValue | undefined {
  const t = p.tok;
  if (p.at('-') && (p.peek().kind === 'int' || p.peek().kind === 'float')) {
    p.next();
    const n = p.next();
    return n.kind === 'int' ? { kind: 'int', value: -n.int! } : { kind: 'float', value: -n.num! };
  }
  switch (t.kind) {
    case 'int': p.next(); return { kind: 'int', value: t.int! };
    case 'float': p.next(); return { kind: 'float', value: t.num! };
    case 'str': p.next(); return { kind: 'str', value: t.str! };
    case 'char': p.next(); return { kind: 'char', value: t.str! };
    case 'kw':
      if (t.text === 'true' || t.text === 'false') { p.next(); return { kind: 'bool', value: t.text === 'true' }; }
      if (t.text === 'nil' || t.text === 'null') { p.next(); return { kind: 'nil' }; }
  }
  return undefined;
}

/** Whether the token `ahead` tokens on can start a pattern literal. */
function startsLiteral(p: ParserState, ahead: number): boolean {
  const t = p.peek(ahead);
  if (t.kind === 'punct' && t.text === '-') return ['int', 'float'].includes(p.peek(ahead + 1).kind);
  return ['int', 'float', 'str', 'char'].includes(t.kind);
}

/** pattern with alternatives `a | b` (not allowed in closure parameters) */
export function parsePattern(p: ParserState, allowOr = true): Pattern {
  const start = p.tok.start;
  p.eat('|'); // leading `|` is allowed
  const first = parseSinglePattern(p);
  if (!allowOr || !p.at('|')) return first;
  const alts = [first];
  while (p.eat('|')) alts.push(parseSinglePattern(p));
  return { kind: 'POr', alts, span: p.from(start) };
}

function parseList(p: ParserState, close: string, item: () => void): void {
  while (!p.at(close)) {
    item();
    if (!p.eat(',')) break;
  }
  p.expect(close, `to close the pattern`);
}

export function parseSinglePattern(p: ParserState): Pattern {
  const start = p.tok.start;
  const t = p.tok;
  const lit = tryLiteral(p);
  if (lit) {
    if (p.at('..=') || p.at('..')) {
      const inclusive = p.next().text === '..=';
      const hi = tryLiteral(p);
      if (hi) return { kind: 'PRange', lo: lit, hi, inclusive, span: p.from(start) };
      // `5..`: no upper bound
      if (inclusive) p.fail(`expected a literal to end the range pattern, found ${describeToken(p.tok)}`);
      return { kind: 'PRange', lo: lit, inclusive, span: p.from(start) };
    }
    return { kind: 'PLit', value: lit, span: p.from(start) };
  }
  if ((p.at('..=') || p.at('..')) && startsLiteral(p, 1)) {
    // `..=9`, `..9`: no lower bound
    const inclusive = p.next().text === '..=';
    return { kind: 'PRange', hi: tryLiteral(p)!, inclusive, span: p.from(start) };
  }
  if (p.at('&') || p.at('&&')) { p.next(); p.eat('mut'); return parseSinglePattern(p); }
  if (p.eat('(')) {
    const elems: Pattern[] = [];
    let comma = false;
    while (!p.at(')')) {
      elems.push(parsePattern(p));
      if (!p.eat(',')) break;
      comma = true;
    }
    p.expect(')', 'to close the tuple pattern');
    if (elems.length === 1 && !comma) return elems[0];
    return { kind: 'PTuple', elems, span: p.from(start) };
  }
  if (p.eat('[')) {
    const elems: Pattern[] = [];
    let rest: { index: number; bind?: string } | undefined;
    parseList(p, ']', () => {
      if (p.at('..')) {
        p.next();
        const bind = p.tok.kind === 'ident' ? p.next().text : undefined;
        rest = bind !== undefined ? { index: elems.length, bind } : { index: elems.length };
        return;
      }
      if (p.tok.kind === 'ident' && p.peek().text === '@' && p.peek(2).text === '..') {
        const bind = p.next().text;
        p.next(); p.next();
        rest = { index: elems.length, bind };
        return;
      }
      elems.push(parsePattern(p));
    });
    return rest ? { kind: 'PArray', elems, rest, span: p.from(start) } : { kind: 'PArray', elems, span: p.from(start) };
  }
  if (p.at('mut')) {
    p.next();
    const name = p.expectIdent('a variable name after `mut`');
    return { kind: 'PBind', name: name.text, mutable: true, span: p.from(start) };
  }
  if (p.at('ref')) p.next();
  if (t.kind === 'ident' || p.at('self') || p.at('crate') || p.at('super')) {
    if (t.text === '_') { p.next(); return { kind: 'PWild', span: p.from(start) }; }
    const path = [p.next().text];
    while (p.at('::')) {
      p.next();
      path.push(p.expectIdent('a name after `::`').text);
    }
    if (p.at('(')) {
      p.next();
      const args: Pattern[] = [];
      parseList(p, ')', () => { args.push(parsePattern(p)); });
      return { kind: 'PVariant', path, args, span: p.from(start) };
    }
    if (p.at('{') && (path.length > 1 || isUpper(path[0]))) {
      p.next();
      const fields: { name: string; pat: Pattern; span: import('../diagnostics.ts').Span }[] = [];
      let rest = false;
      parseList(p, '}', () => {
        if (p.eat('..')) { rest = true; return; }
        const fstart = p.tok.start;
        const isMut = !!p.eat('mut');
        const name = p.expectIdent('a field name');
        const pat: Pattern = p.eat(':') ? parsePattern(p)
          : { kind: 'PBind', name: name.text, mutable: isMut, span: p.span(name.start, name.end) };
        fields.push({ name: name.text, pat, span: p.from(fstart) });
      });
      return { kind: 'PStruct', path, fields, rest, span: p.from(start) };
    }
    if (path.length > 1 || isUpper(path[0])) return { kind: 'PPath', path, span: p.from(start) };
    if (p.at('@')) {
      p.next();
      const sub = parseSinglePattern(p);
      return { kind: 'PBind', name: path[0], mutable: false, sub, span: p.from(start) };
    }
    return { kind: 'PBind', name: path[0], mutable: false, span: p.from(start) };
  }
  if (t.kind === 'kw') p.fail(`expected a pattern, found keyword \`${t.text}\` (\`${t.text}\` is a reserved word and cannot be used as a name)`);
  p.fail(`expected a pattern, found ${describeToken(t)}`);
}
