// Rust format specs (`>8`, `*^9`, `+08.3`, `#x`, `.2e`, `?`) and format strings
// (`"{} + {0} = {name:>5}"`): parsing only, into plain data; the checker resolves the arguments,
// the lowering turns a spec into the runtime's four integers (runtime-as/assembly/fmtspec.ts).

export type FmtType = 'display' | 'debug' | 'x' | 'X' | 'o' | 'b' | 'e' | 'E';
/** a width or precision: a number, an argument (`N$`, `name$`), or the next argument (`.*`) */
export type FmtCount = { n: number } | { arg: number | string } | { next: true };

export interface FmtSpec {
  fill: string;
  align: '' | '<' | '^' | '>';
  plus: boolean;
  alt: boolean;
  zero: boolean;
  width?: FmtCount;
  prec?: FmtCount;
  type: FmtType;
}

export interface FmtError { message: string; offset: number; length: number }

const TYPES: Record<string, FmtType> = { '': 'display', '?': 'debug', x: 'x', X: 'X', o: 'o', b: 'b', e: 'e', E: 'E' };
const MAX_COUNT = 1 << 20;

/** Parses the text after `:` of a placeholder; offsets in errors are relative to it. */
export function parseSpec(spec: string): FmtSpec | FmtError {
  const r: FmtSpec = { fill: ' ', align: '', plus: false, alt: false, zero: false, type: 'display' };
  let i = 0;
  const first = String.fromCodePoint(spec.codePointAt(0) ?? 32);
  const isAlign = (c: string | undefined) => c === '<' || c === '^' || c === '>';
  if (spec.length > first.length && isAlign(spec[first.length])) {
    r.fill = first;
    r.align = spec[first.length] as FmtSpec['align'];
    i = first.length + 1;
  } else if (isAlign(spec[0])) {
    r.align = spec[0] as FmtSpec['align'];
    i = 1;
  }
  if (spec[i] === '+') { r.plus = true; i++; } else if (spec[i] === '-') i++;
  if (spec[i] === '#') { r.alt = true; i++; }
  if (spec[i] === '0' && spec[i + 1] !== '$') { r.zero = true; i++; }
  const count = (allowStar: boolean): FmtCount | FmtError | undefined => {
    const start = i;
    if (allowStar && spec[i] === '*') { i++; return { next: true }; }
    const m = /^(\d+|[A-Za-z_][A-Za-z0-9_]*)(\$?)/.exec(spec.slice(i));
    if (!m) return undefined;
    const [all, word, dollar] = m;
    if (!dollar && !/^\d/.test(word)) return undefined; // a type letter such as `x`, `e`
    i += all.length;
    if (dollar) return { arg: /^\d/.test(word) ? Number(word) : word };
    const n = Number(word);
    if (n > MAX_COUNT) return { message: `invalid format spec: ${word} is too large`, offset: start, length: all.length };
    return { n };
  };
  const w = count(false);
  if (w && 'message' in w) return w;
  if (w) r.width = w;
  if (spec[i] === '.') {
    const dot = i++;
    const p = count(true);
    if (!p) return { message: 'invalid format spec: expected a precision after `.`', offset: dot, length: 1 };
    if ('message' in p) return p;
    r.prec = p;
  }
  const rest = spec.slice(i);
  const type = TYPES[rest];
  if (type === undefined) {
    const what = rest === 'x?' || rest === 'X?'
      ? `hexadecimal debug \`${rest}\` is not supported; use \`${rest[0]}\``
      : `unknown format type \`${rest}\`; expected one of \`?\`, \`x\`, \`X\`, \`o\`, \`b\`, \`e\`, \`E\``;
    return { message: `invalid format spec \`{:${spec}}\`: ${what}`, offset: i, length: rest.length };
  }
  r.type = type;
  return r;
}

/** A piece of a format string: literal text, or a placeholder naming its argument. */
export type FmtPiece =
  | { text: string }
  | { arg: number | string | null; spec?: string; offset: number; specOffset: number; length: number };

/**
 * Splits a format string (`{{` and `}}` are braces, `{}` the next argument, `{0}` / `{name}` an
 * argument by position / name, `:spec` after it). Offsets are indices into the string.
 */
export function parseFormatString(text: string): { pieces: FmtPiece[]; error?: FmtError } {
  const pieces: FmtPiece[] = [];
  let lit = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '}') {
      if (text[i + 1] === '}') { lit += '}'; i++; continue; }
      return { pieces, error: { message: 'invalid format string: unmatched `}` (write `}}` for a literal brace)', offset: i, length: 1 } };
    }
    if (c !== '{') { lit += c; continue; }
    if (text[i + 1] === '{') { lit += '{'; i++; continue; }
    const close = text.indexOf('}', i + 1);
    const inner = close < 0 ? text.slice(i + 1) : text.slice(i + 1, close);
    const m = /^(\d+|[A-Za-z_][A-Za-z0-9_]*)?(?::(.*))?$/s.exec(inner);
    if (close < 0 || !m || inner.includes('{')) {
      return { pieces, error: { message: 'invalid format string: expected `}` to close the placeholder (write `{{` for a literal brace)', offset: i, length: close < 0 ? 1 : close - i + 1 } };
    }
    if (lit) { pieces.push({ text: lit }); lit = ''; }
    const name = m[1];
    const arg = name === undefined ? null : /^\d/.test(name) ? Number(name) : name;
    const piece: FmtPiece = { arg, offset: i, specOffset: i + 1 + (name?.length ?? 0) + 1, length: close - i + 1 };
    if (m[2] !== undefined) piece.spec = m[2];
    pieces.push(piece);
    i = close;
  }
  if (lit) pieces.push({ text: lit });
  return { pieces };
}

/** Whether a string contains something a format string would take as a placeholder. */
export function hasPlaceholder(text: string): boolean {
  return /(^|[^{])(\{\{)*\{(\d+|[A-Za-z_][A-Za-z0-9_]*)?(:[^{}]*)?\}/.test(text);
}
