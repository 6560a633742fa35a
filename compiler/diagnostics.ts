// Diagnostics are data: a phase returns them, the driver decides how to print them.
// Exit-code classes follow the CLI contract: 1 parse, 2 type/name, 6 other compile error.

export interface Span {
  /** byte offset into the source (UTF-16 code unit index of the JS string) */
  start: number;
  end: number;
  /** 1-based line and column of `start` (column counts characters, 1-based) */
  line: number;
  col: number;
}

export type DiagnosticKind = 'parse' | 'name' | 'type' | 'internal';

export interface Diagnostic {
  kind: DiagnosticKind;
  message: string;
  span: Span;
  /** optional extra lines shown after the caret, e.g. "note: ..." */
  notes?: string[];
}

export function diag(kind: DiagnosticKind, message: string, span: Span, notes?: string[]): Diagnostic {
  return notes ? { kind, message, span, notes } : { kind, message, span };
}

export function exitCodeFor(diags: readonly Diagnostic[]): number {
  if (diags.some(d => d.kind === 'parse')) return 1;
  if (diags.some(d => d.kind === 'name' || d.kind === 'type')) return 2;
  return diags.length ? 6 : 0;
}

/** `FILE:LINE:COL: error: message`, then the source line and a caret under the span. */
export function formatDiagnostic(d: Diagnostic, file: string, source: string): string {
  const lines = source.split('\n');
  const text = (lines[d.span.line - 1] ?? '').replace(/\r$/, '');
  const col = Math.max(1, d.span.col);
  const width = Math.max(1, Math.min(d.span.end - d.span.start, text.length - col + 1));
  const gutter = String(d.span.line).length;
  const pad = ' '.repeat(gutter);
  const out = [
    `${file}:${d.span.line}:${col}: error: ${d.message}`,
    `${pad} |`,
    `${d.span.line} | ${text}`,
    `${pad} | ${' '.repeat(col - 1)}${'^'.repeat(width)}`,
  ];
  for (const n of d.notes ?? []) out.push(`${pad} = ${n}`);
  return out.join('\n');
}

/** Computes line/column for an offset; phases that only know offsets use this. */
export class LineMap {
  private starts: number[] = [0];
  constructor(private source: string) {
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  span(start: number, end: number): Span {
    let lo = 0, hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= start) lo = mid; else hi = mid - 1;
    }
    const lineStart = this.starts[lo];
    // column in characters (code points), 1-based
    const col = [...this.source.slice(lineStart, start)].length + 1;
    return { start, end, line: lo + 1, col };
  }
}
