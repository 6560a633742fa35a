// Parser state: a cursor over the tokens, span helpers, and error reporting.
import { type Diagnostic, type LineMap, type Span, diag } from '../diagnostics.ts';
import { type Token, describeToken } from './tokens.ts';

/** Thrown to abandon the current statement/arm; caught where the parser can resynchronise. */
export class ParseError extends Error {
  /** set when the parser already stands at a good place to resume (no skipping needed) */
  resume = false;
  constructor(readonly diagnostic: Diagnostic, readonly pos: number) {
    super(diagnostic.message);
  }
}

export class ParserState {
  pos = 0;
  /** true while parsing an `if`/`while`/`for`/`match` head: `Name {` is not a struct literal there */
  noStruct = false;

  constructor(
    readonly src: string,
    readonly toks: Token[],
    readonly lines: LineMap,
    readonly diags: Diagnostic[],
  ) {}

  get tok(): Token { return this.toks[this.pos]; }
  peek(k = 1): Token { return this.toks[Math.min(this.pos + k, this.toks.length - 1)]; }
  get prev(): Token { return this.toks[Math.max(0, this.pos - 1)]; }
  get eof(): boolean { return this.tok.kind === 'eof'; }

  /** the current token is the punctuation or keyword `text` */
  at(text: string, k = 0): boolean {
    const t = this.peek(k);
    return (t.kind === 'punct' || t.kind === 'kw') && t.text === text;
  }
  atIdent(name?: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'ident' && (name === undefined || t.text === name);
  }
  next(): Token {
    const t = this.tok;
    if (t.kind !== 'eof') this.pos++;
    return t;
  }
  eat(text: string): Token | undefined {
    return this.at(text) ? this.next() : undefined;
  }
  expect(text: string, context?: string): Token {
    if (this.at(text)) return this.next();
    this.fail(`expected \`${text}\`${context ? ' ' + context : ''}, found ${describeToken(this.tok)}`);
  }
  expectIdent(what: string): Token {
    const t = this.tok;
    if (t.kind === 'ident') return this.next();
    if (t.kind === 'kw') this.fail(`expected ${what}, found keyword \`${t.text}\` (\`${t.text}\` is a reserved word)`);
    this.fail(`expected ${what}, found ${describeToken(t)}`);
  }

  span(start: number, end: number): Span { return this.lines.span(start, end); }
  /** span from `start` to the end of the previously consumed token */
  from(start: number): Span { return this.span(start, Math.max(start, this.prev.end)); }
  tokSpan(t: Token = this.tok): Span { return this.span(t.start, t.end); }

  fail(message: string, t: Token = this.tok): never {
    throw new ParseError(diag('parse', message, this.tokSpan(t)), this.pos);
  }
  failAt(message: string, span: Span): never {
    throw new ParseError(diag('parse', message, span), this.pos);
  }
  /** records a diagnostic unless one was already reported at the same place */
  report(d: Diagnostic): void {
    if (this.diags.some(x => x.kind === 'parse' && x.span.start === d.span.start)) return;
    this.diags.push(d);
  }
  /** runs `f` with the struct-literal restriction set to `value` */
  withNoStruct<T>(value: boolean, f: () => T): T {
    const saved = this.noStruct;
    this.noStruct = value;
    try { return f(); } finally { this.noStruct = saved; }
  }
}
