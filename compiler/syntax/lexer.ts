// Hand-written lexer: source text -> tokens. Errors become 'parse' diagnostics; lexing always continues.
import { type Diagnostic, type LineMap, diag } from '../diagnostics.ts';
import { KEYWORDS, PUNCTUATION, type RawFPart, type Token, type TokenKind } from './tokens.ts';
import { splitFString } from './fstring.ts';

const isDigit = (c: string) => c >= '0' && c <= '9';
const isHex = (c: string) => /^[0-9a-fA-F]$/.test(c);
const isIdentStart = (c: string) => /^[\p{L}_]$/u.test(c);
const isIdentPart = (c: string) => /^[\p{L}\p{N}_]$/u.test(c);
const INT_SUFFIX = /^(i8|i16|i32|i64|i128|isize|u8|u16|u32|u64|u128|usize)/;

export interface LexOptions {
  from?: number;
  to?: number;
  /** inside an f-string interpolation: `\"` delimits string literals */
  escapedQuotes?: boolean;
}

/** Decodes one escape sequence starting at `src[i] === '\\'`; returns the text and the index after it. */
export function decodeEscape(src: string, i: number, end: number, report: (msg: string, s: number, e: number) => void): [string, number] {
  const c = src[i + 1];
  switch (c) {
    case 'n': return ['\n', i + 2];
    case 't': return ['\t', i + 2];
    case 'r': return ['\r', i + 2];
    case '0': return ['\0', i + 2];
    case '\\': return ['\\', i + 2];
    case '"': return ['"', i + 2];
    case "'": return ["'", i + 2];
    case '{': return ['{', i + 2];
    case '}': return ['}', i + 2];
    case '$': return ['$', i + 2];
    case 'u': {
      if (src[i + 2] === '{') {
        const close = src.indexOf('}', i + 3);
        const hex = close >= 0 && close < end ? src.slice(i + 3, close) : '';
        if (close >= 0 && close < end && /^[0-9a-fA-F]{1,6}$/.test(hex) && parseInt(hex, 16) <= 0x10ffff) {
          return [String.fromCodePoint(parseInt(hex, 16)), close + 1];
        }
        report('invalid unicode escape: expected `\\u{HEX}`', i, Math.min(end, i + 2));
        return ['', i + 2];
      }
      report('invalid unicode escape: expected `\\u{HEX}`', i, i + 2);
      return ['', i + 2];
    }
    case 'x': {
      const hex = src.slice(i + 2, i + 4);
      if (/^[0-7][0-9a-fA-F]$/.test(hex)) return [String.fromCharCode(parseInt(hex, 16)), i + 4];
      report('invalid escape `\\x`: expected two hex digits', i, i + 2);
      return ['', i + 2];
    }
    case '\n': {
      // line continuation: skip the newline and leading whitespace
      let j = i + 2;
      while (j < end && (src[j] === ' ' || src[j] === '\t')) j++;
      return ['', j];
    }
    default:
      // unknown escapes are kept literally
      return [c === undefined ? '\\' : '\\' + c, c === undefined ? i + 1 : i + 2];
  }
}

export function lex(src: string, lines: LineMap, diags: Diagnostic[], opts: LexOptions = {}): Token[] {
  const end = opts.to ?? src.length;
  const escaped = opts.escapedQuotes ?? false;
  const tokens: Token[] = [];
  let i = opts.from ?? 0;
  let nl = true;
  const report = (msg: string, s: number, e: number) => { diags.push(diag('parse', msg, lines.span(s, e))); };
  const push = (kind: TokenKind, start: number, stop: number, extra: Partial<Token> = {}) => {
    tokens.push({ kind, text: src.slice(start, stop), start, end: stop, nl, ...extra });
    nl = false;
  };
  const prevIsDot = () => { const t = tokens[tokens.length - 1]; return t !== undefined && t.kind === 'punct' && t.text === '.'; };

  /** Reads a quoted string body from `j` (just after the opening quote); returns decoded text and index after the closing quote, or -1. */
  const readString = (j: number, closeEscaped: boolean): [string, number] => {
    let out = '';
    while (j < end) {
      const c = src[j];
      if (closeEscaped && c === '\\' && src[j + 1] === '"') return [out, j + 2];
      if (!closeEscaped && c === '"') return [out, j + 1];
      if (c === '\\') { const [t, n] = decodeEscape(src, j, end, report); out += t; j = n; continue; }
      out += c;
      j++;
    }
    return [out, -1];
  };

  while (i < end) {
    const c = src[i];
    // whitespace
    if (c === '\n') { nl = true; i++; continue; }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\uFEFF') { i++; continue; }
    // comments
    if (c === '/' && src[i + 1] === '/') { while (i < end && src[i] !== '\n') i++; continue; }
    if (c === '#' && src[i + 1] !== '[') { while (i < end && src[i] !== '\n') i++; continue; }
    if (c === '#' && src[i + 1] === '[') {
      // attribute such as #[derive(Debug)]: ignored
      let depth = 0, j = i + 1;
      for (; j < end; j++) {
        if (src[j] === '[') depth++;
        else if (src[j] === ']' && --depth === 0) { j++; break; }
        else if (src[j] === '\n') break;
      }
      i = j;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      let depth = 1, j = i + 2;
      while (j < end && depth > 0) {
        if (src[j] === '/' && src[j + 1] === '*') { depth++; j += 2; }
        else if (src[j] === '*' && src[j + 1] === '/') { depth--; j += 2; }
        else { if (src[j] === '\n') nl = true; j++; }
      }
      if (depth > 0) { report('unterminated block comment: `/*` is never closed by `*/`', i, i + 2); i = end; break; }
      i = j;
      continue;
    }
    // numbers
    if (isDigit(c)) {
      let j = i;
      let radix = 10;
      if (c === '0' && /[xXbBoO]/.test(src[i + 1] ?? '')) {
        const r = src[i + 1].toLowerCase();
        radix = r === 'x' ? 16 : r === 'b' ? 2 : 8;
        j = i + 2;
        const ok = radix === 16 ? isHex : radix === 2 ? (d: string) => d === '0' || d === '1' : (d: string) => d >= '0' && d <= '7';
        let digits = '';
        while (j < end && (ok(src[j]) || src[j] === '_')) { if (src[j] !== '_') digits += src[j]; j++; }
        if (!digits) { report(`expected digits after \`${src.slice(i, i + 2)}\``, i, j); push('int', i, j, { int: 0n }); i = j; continue; }
        const prefix = radix === 16 ? '0x' : radix === 2 ? '0b' : '0o';
        const value = BigInt(prefix + digits);
        const m = INT_SUFFIX.exec(src.slice(j, j + 5));
        if (m && !isIdentPart(src[j + m[0].length] ?? ' ')) j += m[0].length;
        push('int', i, j, { int: value });
        i = j;
        continue;
      }
      let digits = '';
      while (j < end && (isDigit(src[j]) || src[j] === '_')) { if (src[j] !== '_') digits += src[j]; j++; }
      let isFloat = false;
      if (!prevIsDot() && src[j] === '.' && isDigit(src[j + 1] ?? '')) {
        isFloat = true;
        digits += '.';
        j++;
        while (j < end && (isDigit(src[j]) || src[j] === '_')) { if (src[j] !== '_') digits += src[j]; j++; }
      }
      if (!prevIsDot() && (src[j] === 'e' || src[j] === 'E')) {
        let k = j + 1;
        if (src[k] === '+' || src[k] === '-') k++;
        if (isDigit(src[k] ?? '')) {
          isFloat = true;
          digits += 'e' + src.slice(j + 1, k);
          j = k;
          while (j < end && (isDigit(src[j]) || src[j] === '_')) { if (src[j] !== '_') digits += src[j]; j++; }
        }
      }
      if (isFloat) {
        if ((src.startsWith('f64', j) || src.startsWith('f32', j)) && !isIdentPart(src[j + 3] ?? ' ')) j += 3;
        push('float', i, j, { num: Number(digits) });
      } else {
        const m = INT_SUFFIX.exec(src.slice(j, j + 5));
        if (m && !isIdentPart(src[j + m[0].length] ?? ' ')) j += m[0].length;
        else if ((src.startsWith('f64', j) || src.startsWith('f32', j)) && !isIdentPart(src[j + 3] ?? ' ')) {
          push('float', i, j + 3, { num: Number(digits) });
          i = j + 3;
          continue;
        }
        push('int', i, j, { int: BigInt(digits) });
      }
      i = j;
      continue;
    }
    // prefixed strings: f"...", r"...", r#"..."#
    if ((c === 'f' || c === 'r') && (src[i + 1] === '"' || (escaped && src[i + 1] === '\\' && src[i + 2] === '"'))) {
      const open = src[i + 1] === '"' ? i + 2 : i + 3;
      const closeEscaped = open === i + 3;
      if (c === 'r') {
        const close = closeEscaped ? src.indexOf('\\"', open) : src.indexOf('"', open);
        if (close < 0 || close >= end) { report('unterminated string: missing closing `"`', i, open); push('str', i, end, { str: src.slice(open, end) }); i = end; continue; }
        const stop = close + (closeEscaped ? 2 : 1);
        push('str', i, stop, { str: src.slice(open, close) });
        i = stop;
        continue;
      }
      // f-string: find the closing quote, skipping escapes
      let j = open;
      let close = -1;
      while (j < end) {
        if (closeEscaped && src[j] === '\\' && src[j + 1] === '"') { close = j; break; }
        if (!closeEscaped && src[j] === '"') { close = j; break; }
        if (src[j] === '\\') { j += 2; continue; }
        j++;
      }
      if (close < 0) {
        report('unterminated f-string: missing closing `"`', i, open);
        push('fstr', i, end, { parts: [] });
        i = end;
        continue;
      }
      const parts: RawFPart[] = splitFString(src, open, close, report);
      const stop = close + (closeEscaped ? 2 : 1);
      push('fstr', i, stop, { parts });
      i = stop;
      continue;
    }
    if (c === 'r' && src[i + 1] === '#' && src[i + 2] === '"') {
      const close = src.indexOf('"#', i + 3);
      if (close < 0 || close >= end) { report('unterminated raw string: missing closing `"#`', i, i + 3); push('str', i, end, { str: src.slice(i + 3, end) }); i = end; continue; }
      push('str', i, close + 2, { str: src.slice(i + 3, close) });
      i = close + 2;
      continue;
    }
    // identifiers and keywords
    const cp = src.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (isIdentStart(ch)) {
      let j = i + ch.length;
      while (j < end) {
        const d = String.fromCodePoint(src.codePointAt(j)!);
        if (!isIdentPart(d)) break;
        j += d.length;
      }
      const word = src.slice(i, j);
      push(KEYWORDS.has(word) ? 'kw' : 'ident', i, j);
      i = j;
      continue;
    }
    // strings
    if (c === '"' || (escaped && c === '\\' && src[i + 1] === '"')) {
      const closeEscaped = c === '\\';
      const [text, stop] = readString(i + (closeEscaped ? 2 : 1), closeEscaped);
      if (stop < 0) { report('unterminated string: missing closing `"`', i, i + 1); push('str', i, end, { str: text }); i = end; continue; }
      push('str', i, stop, { str: text });
      i = stop;
      continue;
    }
    // character literals and loop labels
    if (c === "'") {
      if (src[i + 1] === '\\') {
        const [text, n] = decodeEscape(src, i + 1, end, report);
        if (src[n] === "'") { push('char', i, n + 1, { str: text }); i = n + 1; continue; }
        report('unterminated character literal', i, n);
        i = n;
        continue;
      }
      const next = src.codePointAt(i + 1);
      if (next !== undefined && next !== 39 && next !== 10) {
        const nch = String.fromCodePoint(next);
        if (src[i + 1 + nch.length] === "'") { push('char', i, i + 2 + nch.length, { str: nch }); i += 2 + nch.length; continue; }
        if (isIdentStart(nch)) {
          let j = i + 1;
          while (j < end && isIdentPart(String.fromCodePoint(src.codePointAt(j)!))) j += String.fromCodePoint(src.codePointAt(j)!).length;
          push('label', i, j);
          i = j;
          continue;
        }
      }
      report('invalid character literal', i, i + 1);
      i++;
      continue;
    }
    // punctuation
    let matched = '';
    for (const p of PUNCTUATION) if (src.startsWith(p, i) && i + p.length <= end) { matched = p; break; }
    if (matched && matched !== '#') {
      push('punct', i, i + matched.length);
      i += matched.length;
      continue;
    }
    // one complaint per line about stray characters is enough
    const last = diags[diags.length - 1];
    const here = lines.span(i, i + ch.length);
    if (!(last && last.message.startsWith('unexpected character') && last.span.line === here.line)) {
      report(`unexpected character \`${ch}\``, i, i + ch.length);
    }
    i += ch.length;
  }
  tokens.push({ kind: 'eof', text: '', start: end, end, nl: true });
  return tokens;
}
