// Type expressions written in source, and generic parameter lists.
import type { TypeExpr, TypeParam } from './ast.ts';
import type { ParserState } from './state.ts';

const FN_TRAITS = new Set(['Fn', 'FnMut', 'FnOnce']);

/** Consumes one `>` closing a generic list, splitting `>>`, `>=`, `>>=` tokens when needed. */
export function expectCloseAngle(p: ParserState): void {
  const t = p.tok;
  if (t.kind === 'punct' && t.text.startsWith('>')) {
    if (t.text === '>') { p.next(); return; }
    // split the token: keep the rest for the enclosing list
    const rest = t.text.slice(1);
    p.toks[p.pos] = { ...t, text: rest, start: t.start + 1, nl: false };
    return;
  }
  p.fail(`expected \`>\` to close the generic arguments, found \`${t.text || 'end of file'}\``);
}

export function parseTypeArgs(p: ParserState): TypeExpr[] {
  p.expect('<');
  const args: TypeExpr[] = [];
  while (!(p.tok.kind === 'punct' && p.tok.text.startsWith('>'))) {
    if (p.tok.kind === 'label') { p.next(); } // lifetime argument
    else args.push(parseType(p));
    if (!p.eat(',')) break;
  }
  expectCloseAngle(p);
  return args;
}

function parseBounds(p: ParserState): string[] {
  const bounds: string[] = [];
  do {
    if (p.tok.kind === 'label') { p.next(); continue; }
    p.eat('?');
    const t = parseType(p);
    bounds.push(t.kind === 'TName' ? t.name : t.kind === 'TFn' ? 'Fn' : 'unknown');
  } while (p.eat('+'));
  return bounds;
}

function parseFnTail(p: ParserState, start: number): TypeExpr {
  p.expect('(', 'to start the parameter types');
  const params: TypeExpr[] = [];
  while (!p.at(')')) {
    params.push(parseType(p));
    if (!p.eat(',')) break;
  }
  p.expect(')', 'to close the parameter types');
  let ret: TypeExpr = { kind: 'TTuple', elems: [], span: p.from(p.prev.end) };
  if (p.eat('->')) ret = parseType(p);
  return { kind: 'TFn', params, ret, span: p.from(start) };
}

export function parseType(p: ParserState): TypeExpr {
  const start = p.tok.start;
  if (p.at('&') || p.at('&&')) {
    p.next();
    if (p.tok.kind === 'label') p.next();
    const mutable = !!p.eat('mut');
    const inner = parseType(p);
    return { kind: 'TRef', mutable, inner, span: p.from(start) };
  }
  if (p.eat('(')) {
    const elems: TypeExpr[] = [];
    let comma = false;
    while (!p.at(')')) {
      elems.push(parseType(p));
      if (!p.eat(',')) break;
      comma = true;
    }
    p.expect(')', 'to close the tuple type');
    if (elems.length === 1 && !comma) return elems[0];
    return { kind: 'TTuple', elems, span: p.from(start) };
  }
  if (p.eat('[')) {
    const elem = parseType(p);
    if (p.eat(';')) {
      // [T; N]: the length is not part of the type
      while (!p.at(']') && !p.eof) p.next();
    }
    p.expect(']', 'to close the array type');
    return { kind: 'TArray', elem, span: p.from(start) };
  }
  if (p.at('fn') || p.at('fun')) {
    p.next();
    return parseFnTail(p, start);
  }
  if (p.at('impl') || p.atIdent('dyn')) {
    p.next();
    if (p.tok.kind === 'ident' && FN_TRAITS.has(p.tok.text) && p.peek().text === '(') {
      p.next();
      return parseFnTail(p, start);
    }
    const bounds = parseBounds(p);
    return { kind: 'TImpl', bounds, span: p.from(start) };
  }
  if (p.atIdent('_')) {
    p.next();
    return { kind: 'TInfer', span: p.from(start) };
  }
  if (p.tok.kind === 'ident' || p.at('self') || p.at('crate') || p.at('super')) {
    let name = p.next().text;
    if (FN_TRAITS.has(name) && p.at('(')) return parseFnTail(p, start);
    while (p.at('::') && (p.peek().kind === 'ident')) {
      p.next();
      name = p.next().text;
    }
    const args = p.at('<') ? parseTypeArgs(p) : [];
    return { kind: 'TName', name, args, span: p.from(start) };
  }
  p.fail(`expected a type, found ${p.tok.kind === 'eof' ? 'end of file' : `\`${p.tok.text}\``}`);
}

/** `<T, U: A + B>`; returns [] when there is no list. */
export function parseTypeParams(p: ParserState): TypeParam[] {
  if (!p.at('<')) return [];
  p.next();
  const params: TypeParam[] = [];
  while (!(p.tok.kind === 'punct' && p.tok.text.startsWith('>'))) {
    if (p.tok.kind === 'label') { p.next(); }
    else {
      p.eat('const');
      const name = p.expectIdent('a type parameter name');
      const bounds = p.eat(':') ? parseBounds(p) : [];
      if (p.eat('=')) parseType(p);
      params.push({ name: name.text, bounds, span: p.span(name.start, p.prev.end) });
    }
    if (!p.eat(',')) break;
  }
  expectCloseAngle(p);
  return params;
}

/** `where T: A + B, U: C` — bounds are merged into the matching type parameters. */
export function parseWhere(p: ParserState, params: TypeParam[]): void {
  if (!p.atIdent('where') && !p.at('where')) return;
  p.next();
  while (p.tok.kind === 'ident') {
    const name = p.next();
    p.expect(':', 'in the where clause');
    const bounds = parseBounds(p);
    const tp = params.find(x => x.name === name.text);
    if (tp) tp.bounds.push(...bounds);
    if (!p.eat(',')) break;
  }
}
