// Items: functions, structs/classes, enums, impl blocks, traits, use, const, type aliases.
import type { ConstDecl, EnumDecl, FieldDecl, FunDecl, ImplDecl, Item, Param, StructDecl, TraitDecl, TypeExpr, TypeParam, UseDecl, VariantDecl } from './ast.ts';
import type { Span } from '../diagnostics.ts';
import type { ParserState } from './state.ts';
import { describeToken } from './tokens.ts';
import { parseExpr } from './expressions.ts';
import { parsePattern } from './patterns.ts';
import { parseType, parseTypeParams, parseWhere } from './types.ts';
import { parseBlock } from './statements.ts';

const ITEM_KEYWORDS = new Set(['fun', 'fn', 'struct', 'class', 'enum', 'impl', 'trait', 'use', 'const', 'static', 'pub', 'mod']);

/** the current token starts an item (declaration) rather than a statement */
export function atItem(p: ParserState): boolean {
  const t = p.tok;
  if (t.kind === 'kw' && ITEM_KEYWORDS.has(t.text)) {
    if ((t.text === 'fun' || t.text === 'fn') && p.peek().text === '(') return false; // anonymous function
    return true;
  }
  // contextual: `type Name = T`
  return t.kind === 'ident' && t.text === 'type' && p.peek().kind === 'ident' && ['=', '<'].includes(p.peek(2).text);
}

function skipPubScope(p: ParserState): void {
  // pub(crate), pub(super)
  if (p.at('(') && !p.tok.nl) {
    p.next();
    while (!p.at(')') && !p.eof) p.next();
    p.expect(')');
  }
}

export function parseItem(p: ParserState): Item[] {
  const start = p.tok.start;
  const isPub = !!p.eat('pub');
  if (isPub) skipPubScope(p);
  const t = p.tok;
  switch (t.text) {
    case 'fun': case 'fn': p.next(); return [parseFun(p, start, isPub, false)];
    case 'struct': case 'class': return parseStruct(p, start, isPub);
    case 'enum': return parseEnum(p, start, isPub);
    case 'impl': return [parseImpl(p, start)];
    case 'trait': return [parseTrait(p, start, isPub)];
    case 'use': return parseUse(p, start);
    case 'const': case 'static': return [parseConst(p, start)];
    case 'type':
      if (t.kind === 'ident') {
        p.next();
        const name = p.expectIdent('a type name');
        parseTypeParams(p);
        p.expect('=', 'in the type alias');
        const type = parseType(p);
        return [{ kind: 'TypeAlias', name: name.text, type, span: p.from(start) }];
      }
  }
  if (isPub && (t.kind === 'ident' || t.kind === 'kw') && p.peek().text === '(') {
    // `pub new(...)`: a constructor written without `fun` (allowed here for error-free recovery; parseMembers handles it)
  }
  p.fail(`expected an item (\`fun\`, \`struct\`, \`enum\`, ...) after \`pub\`, found ${describeToken(t)}`);
}

/** Function after `fun`/`fn` (or at the name, for class constructors written `new(...)`). */
export function parseFun(p: ParserState, start: number, isPub: boolean, allowNoBody: boolean): FunDecl {
  const name = p.expectIdent('a function name');
  const typeParams = parseTypeParams(p);
  if (!p.at('(')) p.fail(`expected \`(\` to start the parameter list of \`${name.text}\`, found ${describeToken(p.tok)}`);
  p.next();
  const params: Param[] = [];
  let self: FunDecl['self'];
  // receiver: &self, &mut self, self, mut self, self: Type
  {
    let k = 0;
    if (p.peek(k).text === '&') { k++; if (p.peek(k).kind === 'label') k++; }
    if (p.peek(k).text === 'mut' && p.peek(k).kind === 'kw') k++;
    if (p.peek(k).text === 'self' && p.peek(k).kind === 'kw') {
      const sstart = p.tok.start;
      let mutable = false;
      for (let i = 0; i <= k; i++) if (p.next().text === 'mut') mutable = true;
      if (p.eat(':')) { const ty = parseType(p); if (ty.kind === 'TRef' && ty.mutable) mutable = true; }
      self = { mutable, span: p.from(sstart) };
      if (!p.at(')')) p.expect(',', 'after `self`');
    }
  }
  while (!p.at(')')) {
    const pstart = p.tok.start;
    const pattern = parsePattern(p, false);
    const param: Param = { pattern, span: p.from(pstart) };
    if (p.eat(':')) param.type = parseType(p);
    if (p.eat('=')) parseExpr(p); // default values are accepted and ignored
    param.span = p.from(pstart);
    params.push(param);
    if (p.eat(',')) continue;
    if (!p.at(')')) p.fail(`expected \`,\` or \`)\` in the parameter list, found ${describeToken(p.tok)}`);
  }
  p.next();
  const fun: FunDecl = { kind: 'Fun', name: name.text, nameSpan: p.tokSpan(name), isPub, typeParams, params, span: p.from(start) };
  if (self) fun.self = self;
  if (p.eat('->')) fun.ret = parseType(p);
  parseWhere(p, typeParams);
  if (p.at('{')) fun.body = parseBlock(p);
  else if (p.at('=') && !allowNoBody) {
    // `fun f(x) = expr`
    p.next();
    const e = parseExpr(p);
    fun.body = { stmts: [], tail: e, span: e.span };
  } else if (!allowNoBody) p.fail(`expected \`{\` to start the body of \`${name.text}\`, found ${describeToken(p.tok)}`);
  else p.eat(';');
  fun.span = p.from(start);
  return fun;
}

function fieldSeparator(p: ParserState, close: string, what: string): void {
  if (p.eat(',') || p.eat(';')) return;
  if (p.at(close) || p.tok.nl) return;
  p.fail(`expected \`,\` or a new line between ${what}, found ${describeToken(p.tok)}`);
}

/** Body of a struct/class: fields and methods (constructors may be written `new(...)` without `fun`). */
function parseMembers(p: ParserState, fields: FieldDecl[], methods: FunDecl[]): void {
  p.expect('{');
  while (!p.at('}')) {
    if (p.eof) p.fail('expected `}` to close the declaration body, found end of file');
    if (p.eat(',') || p.eat(';')) continue;
    const mstart = p.tok.start;
    const isPub = !!p.eat('pub');
    if (isPub) skipPubScope(p);
    p.eat('static');
    if (p.at('fun') || p.at('fn')) { p.next(); methods.push(parseFun(p, mstart, isPub, false)); continue; }
    if (p.tok.kind === 'ident' && (p.peek().text === '(' || p.peek().text === '<')) { methods.push(parseFun(p, mstart, isPub, false)); continue; }
    if (p.at('let') || p.at('var')) p.next();
    p.eat('mut');
    const name = p.expectIdent('a field name');
    p.expect(':', `after the field name \`${name.text}\``);
    const type = parseType(p);
    const field: FieldDecl = { name: name.text, type, isPub, span: p.from(mstart) };
    if (p.eat('=')) { field.default = parseExpr(p); field.span = p.from(mstart); }
    fields.push(field);
    fieldSeparator(p, '}', 'fields');
  }
  p.next();
}

function parseStruct(p: ParserState, start: number, isPub: boolean): Item[] {
  const flavor = p.next().text === 'class' ? 'class' : 'struct';
  const name = p.expectIdent(`a ${flavor} name`);
  const typeParams = parseTypeParams(p);
  const decl: StructDecl = { kind: 'Struct', flavor, name: name.text, nameSpan: p.tokSpan(name), isPub, typeParams, fields: [], methods: [], span: p.from(start) };
  if (p.at('(')) {
    // tuple struct: fields are named 0, 1, ...
    p.next();
    let i = 0;
    while (!p.at(')')) {
      const fstart = p.tok.start;
      const fpub = !!p.eat('pub');
      const type = parseType(p);
      decl.fields.push({ name: String(i++), type, isPub: fpub, span: p.from(fstart) });
      if (!p.eat(',')) break;
    }
    p.expect(')', 'to close the tuple struct fields');
    parseWhere(p, typeParams);
  } else {
    if (p.eat(':') || p.atIdent('extends')) { if (p.atIdent('extends')) p.next(); parseType(p); }
    parseWhere(p, typeParams);
    if (p.at('{')) parseMembers(p, decl.fields, decl.methods);
  }
  decl.span = p.from(start);
  return [decl];
}

function parseEnum(p: ParserState, start: number, isPub: boolean): Item[] {
  p.next();
  const name = p.expectIdent('an enum name');
  const typeParams = parseTypeParams(p);
  parseWhere(p, typeParams);
  p.expect('{', `to start the variants of \`${name.text}\``);
  const variants: VariantDecl[] = [];
  const methods: FunDecl[] = [];
  while (!p.at('}')) {
    if (p.eof) p.fail('expected `}` to close the enum, found end of file');
    if (p.eat(',')) continue;
    const vstart = p.tok.start;
    if (p.at('pub') || p.at('fun') || p.at('fn')) {
      const isPubM = !!p.eat('pub');
      if (!p.at('fun') && !p.at('fn')) p.fail(`expected a variant or a method, found ${describeToken(p.tok)}`);
      p.next();
      methods.push(parseFun(p, vstart, isPubM, false));
      continue;
    }
    const vname = p.expectIdent('a variant name');
    const v: VariantDecl = { name: vname.text, shape: 'unit', fields: [], span: p.tokSpan(vname) };
    if (p.eat('(')) {
      v.shape = 'tuple';
      let i = 0;
      while (!p.at(')')) {
        const fstart = p.tok.start;
        const type = parseType(p);
        v.fields.push({ name: String(i++), type, span: p.from(fstart) });
        if (!p.eat(',')) break;
      }
      p.expect(')', 'to close the variant fields');
    } else if (p.at('{')) {
      p.next();
      v.shape = 'struct';
      while (!p.at('}')) {
        if (p.eat(',')) continue;
        const fstart = p.tok.start;
        p.eat('pub');
        const fname = p.expectIdent('a field name');
        p.expect(':', `after the field name \`${fname.text}\``);
        const type = parseType(p);
        v.fields.push({ name: fname.text, type, span: p.from(fstart) });
        fieldSeparator(p, '}', 'fields');
      }
      p.next();
    }
    if (p.eat('=')) {
      const neg = !!p.eat('-');
      const n = p.tok;
      if (n.kind !== 'int') p.fail(`expected an integer discriminant, found ${describeToken(n)}`);
      p.next();
      v.discriminant = neg ? -n.int! : n.int!;
    }
    v.span = p.from(vstart);
    variants.push(v);
    fieldSeparator(p, '}', 'variants');
  }
  p.next();
  const decl: EnumDecl = { kind: 'Enum', name: name.text, nameSpan: p.tokSpan(name), isPub, typeParams, variants, span: p.from(start) };
  if (!methods.length) return [decl];
  const target: TypeExpr = { kind: 'TName', name: name.text, args: typeParams.map(tp => ({ kind: 'TName', name: tp.name, args: [], span: tp.span })), span: decl.nameSpan };
  const impl: ImplDecl = { kind: 'Impl', typeParams: typeParams.map(tp => ({ ...tp, bounds: [...tp.bounds] })), target, methods, span: decl.span };
  return [decl, impl];
}

function parseMethods(p: ParserState, allowNoBody: boolean, what: string): FunDecl[] {
  p.expect('{', `to start the ${what} body`);
  const methods: FunDecl[] = [];
  while (!p.at('}')) {
    if (p.eof) p.fail(`expected \`}\` to close the ${what}, found end of file`);
    if (p.eat(';') || p.eat(',')) continue;
    const mstart = p.tok.start;
    const isPub = !!p.eat('pub');
    if (isPub) skipPubScope(p);
    p.eat('static');
    if (p.atIdent('type') || p.at('const')) {
      // associated types/constants: skipped
      while (!p.eof && !p.at(';') && !p.at('}') && !(p.tok.nl && p.pos > 0 && p.tok.start > mstart + 5)) p.next();
      continue;
    }
    if (p.at('fun') || p.at('fn')) p.next();
    else if (!(p.tok.kind === 'ident' && p.peek().text === '(')) p.fail(`expected \`fun\` in the ${what} body, found ${describeToken(p.tok)}`);
    methods.push(parseFun(p, mstart, isPub, allowNoBody));
  }
  p.next();
  return methods;
}

function parseImpl(p: ParserState, start: number): ImplDecl {
  p.next();
  const typeParams: TypeParam[] = p.at('<') ? parseTypeParams(p) : [];
  const first = parseType(p);
  let target = first;
  let trait: string | undefined;
  if (p.eat('for')) {
    trait = first.kind === 'TName' ? first.name : undefined;
    target = parseType(p);
  }
  parseWhere(p, typeParams);
  const methods = parseMethods(p, false, 'impl');
  const decl: ImplDecl = { kind: 'Impl', typeParams, target, methods, span: p.from(start) };
  if (trait !== undefined) decl.trait = trait;
  return decl;
}

function parseTrait(p: ParserState, start: number, isPub: boolean): TraitDecl {
  p.next();
  const name = p.expectIdent('a trait name');
  const typeParams = parseTypeParams(p);
  if (p.eat(':')) { do parseType(p); while (p.eat('+')); }
  parseWhere(p, typeParams);
  const methods = parseMethods(p, true, 'trait');
  return { kind: 'Trait', name: name.text, nameSpan: p.tokSpan(name), isPub, methods, span: p.from(start) };
}

function parseUse(p: ParserState, start: number): UseDecl[] {
  p.next();
  const out: UseDecl[] = [];
  const walk = (prefix: string[]) => {
    const path = [...prefix];
    for (;;) {
      if (p.at('{')) {
        p.next();
        while (!p.at('}')) {
          walk(path);
          if (!p.eat(',')) break;
        }
        p.expect('}', 'to close the import list');
        return;
      }
      if (p.at('*')) { p.next(); path.push('*'); break; }
      const t = p.tok;
      if (t.kind !== 'ident' && !(t.kind === 'kw' && (t.text === 'self' || t.text === 'super' || t.text === 'crate'))) {
        p.fail(`expected a module path after \`use\`, found ${describeToken(t)}`);
      }
      p.next();
      path.push(t.text);
      if (!p.eat('::')) break;
    }
    if (p.eat('as')) p.expectIdent('an alias name');
    out.push({ kind: 'Use', path, span: p.from(start) });
  };
  walk([]);
  return out;
}

function parseConst(p: ParserState, start: number): ConstDecl {
  p.next();
  p.eat('mut');
  const name = p.expectIdent('a constant name');
  const decl: ConstDecl = { kind: 'Const', name: name.text, nameSpan: p.tokSpan(name), value: undefined as never, span: p.from(start) };
  if (p.eat(':')) decl.type = parseType(p);
  p.expect('=', `to give \`${name.text}\` a value`);
  decl.value = parseExpr(p);
  decl.span = p.from(start);
  return decl;
}

export type { Span };
