// Tokens produced by the lexer and consumed by the parser.

export type TokenKind =
  | 'int'      // value: bigint
  | 'float'    // value: number
  | 'str'      // value: decoded string (also raw strings)
  | 'char'     // value: one-character string
  | 'fstr'     // parts: raw f-string pieces (see fstring.ts)
  | 'ident'    // text: the name
  | 'kw'       // text: the keyword
  | 'label'    // text: the label including the leading quote, e.g. 'outer
  | 'punct'    // text: the operator or delimiter
  | 'eof';

/** A piece of an f-string as found by the lexer: literal text, or the source range of an interpolation. */
export type RawFPart =
  | { text: string }
  | { exprStart: number; exprEnd: number; spec?: string; specStart?: number };

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
  /** a line break (or the start of the file) precedes this token */
  nl: boolean;
  int?: bigint;
  num?: number;
  str?: string;
  parts?: RawFPart[];
}

/** Reserved words: they can never name a variable, function or field. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'fun', 'fn', 'let', 'var', 'if', 'else', 'match', 'for', 'in', 'while', 'loop', 'return', 'break',
  'continue', 'struct', 'enum', 'impl', 'trait', 'class', 'use', 'const', 'pub', 'mut', 'true', 'false',
  'as', 'self', 'super', 'crate', 'mod', 'async', 'await', 'try', 'catch', 'throw', 'import', 'export',
  'static', 'where', 'nil', 'null',
]);

/** Punctuation, longest first so the lexer can match greedily. */
export const PUNCTUATION: readonly string[] = [
  '<<=', '>>=', '**=', '..=', '...',
  '::', '->', '=>', '==', '!=', '<=', '>=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=',
  '<<', '>>', '**', '..', '|>', '??',
  '+', '-', '*', '/', '%', '=', '<', '>', '!', '&', '|', '^', '~', '?', '.', ',', ';', ':',
  '(', ')', '[', ']', '{', '}', '@', '#',
];

export function describeToken(t: Token): string {
  switch (t.kind) {
    case 'eof': return 'end of file';
    case 'int': case 'float': return `number \`${t.text}\``;
    case 'str': return 'string literal';
    case 'char': return 'character literal';
    case 'fstr': return 'f-string';
    case 'ident': return `identifier \`${t.text}\``;
    case 'kw': return `keyword \`${t.text}\``;
    case 'label': return `label \`${t.text}\``;
    default: return `\`${t.text}\``;
  }
}
