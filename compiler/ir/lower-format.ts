// Lowering of format specs (`{x:>8.2}` in f-strings, `{:#x}` in println / format! strings) to the
// runtime's rt_str_append_fmt* calls (runtime-as/assembly/fmtspec.ts), and of a format string's
// plan (compiler/types/fmtplan.ts) to the string it builds.
import type { Span } from '../diagnostics.ts';
import type { FmtSpec } from '../syntax/fmtspec.ts';
import { type Ty, DYN, INT } from '../types/types.ts';
import { type FmtPlan, specTypeError } from '../types/fmtplan.ts';
import type { IR } from './ir.ts';
import type { ExprLowerer } from './lower-expr.ts';
import { Unsupported } from './fnbuilder.ts';
import { i32, call, coerce, ownership, isRef, vtOf } from './values.ts';

const TYPE_CODE: Record<FmtSpec['type'], number> = { display: 0, debug: 1, x: 2, X: 3, o: 4, b: 5, e: 6, E: 7 };
const ALIGN_CODE: Record<FmtSpec['align'], number> = { '': 0, '<': 1, '^': 2, '>': 3 };

/** the runtime's flags word (see fmtspec.ts there) */
function flagsOf(spec: FmtSpec, fstring: boolean): number {
  return ALIGN_CODE[spec.align] | (spec.plus ? 4 : 0) | (spec.alt ? 8 : 0) | (spec.zero ? 16 : 0) | (fstring ? 32 : 0) | (TYPE_CODE[spec.type] << 8);
}

/** a spec that changes nothing: `{}` / `{0}` / `{name}` */
const isPlain = (s: FmtSpec): boolean =>
  s.type === 'display' && !s.align && !s.plus && !s.alt && !s.zero && !s.width && !s.prec;

const literalCount = (c: FmtSpec['width']): number => (c && 'n' in c ? c.n : -1);

export class FormatLowerer {
  constructor(private readonly ex: ExprLowerer) {}

  /** Appends v (of type t) as spec shows it to s (consumed); width / prec: i32 values from arguments. */
  appendSpec(s: IR, v: IR, t: Ty, spec: FmtSpec, fstring: boolean, line: number, span: Span, width?: IR, prec?: IR): IR {
    if (isPlain(spec)) return this.ex.appendValue(s, v, t, fstring, line);
    const bad = specTypeError(spec, t);
    if (bad) throw new Unsupported(bad, span);
    const args = [i32(spec.fill.codePointAt(0)!), i32(flagsOf(spec, fstring)), width ?? i32(literalCount(spec.width)), prec ?? i32(literalCount(spec.prec))];
    if (t.k === 'int') return call('rt_str_append_fmt_i64', [s, v, ...args], 'i32');
    if (t.k === 'float') return call('rt_str_append_fmt_f64', [s, v, ...args], 'i32');
    return this.ex.appendOwned(s, coerce(v, t, DYN, line), 'rt_str_append_fmt', [...args, i32(line)]);
  }

  /** The string a format plan builds (owned): every argument evaluated once, in order, first. */
  formatted(plan: FmtPlan, line: number): IR {
    const fb = this.ex.fb;
    const body: IR[] = [];
    const vals: (() => IR)[] = [];
    const releases: IR[] = [];
    const tys = plan.args.map(a => this.ex.tyOf(a));
    plan.args.forEach((a, i) => {
      const ir = this.ex.expr(a), vt = vtOf(tys[i]);
      if (vt === 'none') {
        if (ir.op !== 'nop') body.push(ir);
        vals.push(() => ({ op: 'nop' }));
        return;
      }
      const local = fb.local('fmt_arg', vt);
      body.push({ op: 'set', local, value: ir });
      vals.push(() => ({ op: 'get', local, vt }));
      if (isRef(tys[i]) && ownership(ir) === 'owned') releases.push(call('rt_release', [{ op: 'get', local, vt }], 'none'));
    });
    const count = (c: number | undefined): IR | undefined =>
      c === undefined ? undefined : { op: 'un', w: 'i32.wrap_i64', a: coerce(vals[c](), tys[c], INT, line), vt: 'i32' };
    let s: IR = call('rt_str_new', [i32(32)], 'i32');
    for (const p of plan.pieces) {
      if (p.text !== undefined) s = call('rt_str_append', [s, { op: 'data', id: this.ex.m.data.str(p.text) }], 'i32');
      else if (p.arg !== undefined && p.spec) s = this.appendSpec(s, vals[p.arg](), tys[p.arg], p.spec, false, line, p.specSpan!, count(p.width), count(p.prec));
      else if (p.arg !== undefined) s = this.ex.appendValue(s, vals[p.arg](), tys[p.arg], false, line);
    }
    if (!releases.length) return body.length ? { op: 'block', body: [...body, s], vt: 'i32', owned: true } : s;
    const r = fb.local('fmt_str', 'i32');
    return { op: 'block', body: [...body, { op: 'set', local: r, value: s }, ...releases, { op: 'get', local: r, vt: 'i32' }], vt: 'i32', owned: true };
  }
}
