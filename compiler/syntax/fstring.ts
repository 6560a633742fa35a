// Splitting an f-string body into literal text and interpolations (`{expr}` / `{expr:spec}`).
// The interpolated expressions are parsed later by the parser, from their source ranges.
import type { RawFPart } from './tokens.ts';
import { decodeEscape } from './lexer.ts';

type Report = (msg: string, start: number, end: number) => void;

/** Finds the end of an interpolation starting after `{` at `j`: returns [exprEnd, specStart | -1, closeBrace] or null. */
function scanInterpolation(src: string, j: number, end: number): [number, number, number] | null {
  let depth = 0;
  let exprEnd = -1;
  while (j < end) {
    const c = src[j];
    if (c === '\\' && src[j + 1] === '"') {
      // an escaped string literal inside the interpolation
      j += 2;
      while (j < end && !(src[j] === '\\' && src[j + 1] === '"')) j += src[j] === '\\' ? 2 : 1;
      j += 2;
      continue;
    }
    if (c === "'" && src[j + 2] === "'") { j += 3; continue; }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '}') {
      if (depth === 0) return exprEnd < 0 ? [j, -1, j] : [exprEnd, exprEnd + 1, j];
      depth--;
    } else if (c === ':' && depth === 0 && exprEnd < 0) {
      if (src[j + 1] === ':') { j += 2; continue; }
      exprEnd = j;
    }
    j++;
  }
  return null;
}

export function splitFString(src: string, open: number, close: number, report: Report): RawFPart[] {
  const parts: RawFPart[] = [];
  let text = '';
  const flush = () => { if (text) { parts.push({ text }); text = ''; } };
  let i = open;
  while (i < close) {
    const c = src[i];
    if (c === '{' && src[i + 1] === '{') { text += '{'; i += 2; continue; }
    if (c === '}' && src[i + 1] === '}') { text += '}'; i += 2; continue; }
    if (c === '\\') { const [t, n] = decodeEscape(src, i, close, report); text += t; i = n; continue; }
    if (c === '{') {
      const found = scanInterpolation(src, i + 1, close);
      if (!found) {
        report('unclosed interpolation in f-string: expected `}` after the expression', i, i + 1);
        flush();
        return parts;
      }
      const [exprEnd, specStart, brace] = found;
      if (src.slice(i + 1, exprEnd).trim() === '') report('empty interpolation `{}` in f-string: expected an expression', i, brace + 1);
      else {
        flush();
        const part: RawFPart = specStart < 0 ? { exprStart: i + 1, exprEnd } : { exprStart: i + 1, exprEnd, spec: src.slice(specStart, brace), specStart };
        parts.push(part);
      }
      i = brace + 1;
      continue;
    }
    text += c;
    i++;
  }
  flush();
  return parts;
}
