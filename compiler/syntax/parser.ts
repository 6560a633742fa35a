// Entry point of the syntax phase: source text -> Program + parse diagnostics.
import type { Program } from './ast.ts';
import { type Diagnostic, LineMap } from '../diagnostics.ts';
import { lex } from './lexer.ts';
import { ParserState } from './state.ts';
import { parseStatements } from './statements.ts';

export function parse(source: string, file: string): { program: Program; diagnostics: Diagnostic[] } {
  const lines = new LineMap(source);
  const lexDiags: Diagnostic[] = [];
  const toks = lex(source, lines, lexDiags);
  const diags: Diagnostic[] = [...lexDiags];
  const p = new ParserState(source, toks, lines, diags);
  const body = parseStatements(p, false);
  const program: Program = { file, body, span: lines.span(0, source.length) };
  // A lexical error that swallows the rest of the file (unterminated string or comment) makes the parser
  // complain at the end of file too: that complaint is a consequence, not a separate error.
  let out = diags;
  // Likewise a parser complaint on a line where the lexer already found a bad token is usually its echo.
  if (lexDiags.length) {
    out = diags.filter(d => lexDiags.includes(d)
      || (d.span.start < source.length && !lexDiags.some(l => l.span.line === d.span.line && l.span.start <= d.span.start)));
  }
  out = out.map((d, i) => [d, i] as const).sort((a, b) => a[0].span.start - b[0].span.start || a[1] - b[1]).map(x => x[0]);
  return { program, diagnostics: out };
}
