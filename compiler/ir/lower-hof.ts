// Higher-order methods the compiler expands inline: on arrays (and anything iterable: ranges,
// strings, maps, dyn values) map / filter / reduce / fold / any / all / find / each / position /
// flat_map; on Option and Result map / and_then / or / or_else / unwrap_or /
// unwrap_or_else / map_err / ok / err. Function arguments are called through the closure ABI
// (boxed arguments and result); a dyn receiver is checked at run time for Option/Result vs iterable.
import type { Expr } from '../syntax/ast.ts';
import { type Ty, DYN } from '../types/types.ts';
import type { IR, VT } from './ir.ts';
import type { ExprLowerer } from './lower-expr.ts';
import { i32, call, coerce, nilRef, vtOf } from './values.ts';
import { K } from './data.ts';

type MethodCall = Extract<Expr, { kind: 'MethodCall' }>;

const get = (local: number, vt: VT = 'i32'): IR => ({ op: 'get', local, vt });
const set = (local: number, value: IR): IR => ({ op: 'set', local, value });
const seq = (body: IR[], vt: VT = 'none'): IR => ({ op: 'block', body, vt });
const tagOf = (p: IR): IR => ({ op: 'load', w: 'i32.load16_u', offset: 6, ptr: p, vt: 'i32' });
const payload = (p: IR): IR => ({ op: 'load', w: 'i32.load', offset: 8, ptr: p, vt: 'i32' });
const eq = (a: IR, b: IR): IR => ({ op: 'bin', w: 'i32.eq', a, b, vt: 'i32' });
const or = (a: IR, b: IR): IR => ({ op: 'bin', w: 'i32.or', a, b, vt: 'i32' });

export const ITERABLE_HOFS = new Set(['map', 'filter', 'reduce', 'fold', 'any', 'all', 'find', 'each', 'for_each', 'position', 'flat_map']);
export const OPTION_HOFS = new Set(['map', 'and_then', 'or', 'or_else', 'unwrap_or', 'unwrap_or_else', 'map_err', 'ok', 'err']);

export class HofLowerer {
  constructor(private readonly ex: ExprLowerer) {}

  private get fb() { return this.ex.fb; }

  /**
   * Calls closure value `clo` (a local holding a K_CLOSURE) with boxed args; boxed result (owned).
   * The closure borrows its arguments: owned ones are released after the call.
   */
  callClosure(clo: number, args: IR[]): IR {
    return this.ex.borrowingAll(args, args.map(() => DYN), xs => ({
      op: 'calli', index: { op: 'load', w: 'i32.load', offset: 8, ptr: get(clo), vt: 'i32' },
      args: [get(clo), ...xs], params: ['i32', ...xs.map(() => 'i32' as VT)], vt: 'i32',
    }), 'i32');
  }

  /** The lowered method call, already converted to the expression's type `t`, or undefined. */
  lower(e: MethodCall, t: Ty, rt: Ty): IR | undefined {
    const line = e.span.line;
    const isOpt = rt.k === 'option' || rt.k === 'result';
    if (isOpt && OPTION_HOFS.has(e.method)) return coerce(this.option(e, rt), DYN, t, line);
    if (!isOpt && rt.k !== 'dyn' && ITERABLE_HOFS.has(e.method)) return this.iterable(e, t, rt);
    if (rt.k === 'dyn' && (ITERABLE_HOFS.has(e.method) || OPTION_HOFS.has(e.method))) {
      const recv = this.fb.local('recv', 'i32');
      const optPath = OPTION_HOFS.has(e.method) ? coerce(this.option(e, rt, recv), DYN, t, line) : undefined;
      const itPath = ITERABLE_HOFS.has(e.method) ? this.iterable(e, t, rt, recv) : undefined;
      const first = set(recv, this.ex.exprAs(e.receiver, DYN));
      if (!optPath) return seq([first, itPath!], vtOf(t));
      if (!itPath) return seq([first, optPath], vtOf(t));
      const isEnum = eq({ op: 'load', w: 'i32.load8_u', offset: 4, ptr: get(recv), vt: 'i32' }, i32(K.ENUM));
      return seq([first, { op: 'if', cond: isEnum, then: optPath, else: itPath, vt: vtOf(t) }], vtOf(t));
    }
    return undefined;
  }

  // ------------------------------------------------------------------ Option / Result
  /** Boxed result. `recvLocal` holds the (boxed) receiver when already evaluated. */
  private option(e: MethodCall, rt: Ty, recvLocal?: number): IR {
    const line = e.span.line;
    const r = recvLocal ?? this.fb.local('opt', 'i32');
    const out: IR[] = recvLocal === undefined ? [set(r, this.ex.exprAs(e.receiver, DYN))] : [];
    const tag = tagOf(get(r));
    // Some (1) / Ok (2) are the "value" side, None (0) / Err (3) the "failure" side
    const good = or(eq(tag, i32(1)), eq(tag, i32(2)));
    const fn = (i: number): number => {
      const c = this.fb.local('fn', 'i32');
      out.push(set(c, this.ex.exprAs(e.args[i], DYN)));
      return c;
    };
    const retainRecv = call('rt_retain_ret', [get(r)], 'i32');
    let value: IR;
    switch (e.method) {
      case 'map': {
        const c = fn(0);
        // Some(f(v)) / Ok(f(v)), keeping the variant
        value = { op: 'if', cond: good, vt: 'i32',
          then: this.ex.makeObj(K.ENUM, -1, [this.callClosure(c, [payload(get(r))])], line, tag),
          else: retainRecv };
        break;
      }
      case 'and_then': {
        const c = fn(0);
        value = { op: 'if', cond: good, vt: 'i32', then: this.callClosure(c, [payload(get(r))]), else: retainRecv };
        break;
      }
      case 'map_err': {
        const c = fn(0);
        value = { op: 'if', cond: eq(tag, i32(3)), vt: 'i32',
          then: this.ex.makeObj(K.ENUM, 3, [this.callClosure(c, [payload(get(r))])], line), else: retainRecv };
        break;
      }
      case 'or': {
        const other = this.ex.exprAs(e.args[0], DYN);
        value = { op: 'if', cond: good, vt: 'i32', then: retainRecv, else: other };
        break;
      }
      case 'or_else': {
        const c = fn(0);
        // None: f(); Err(e): f(e)
        value = { op: 'if', cond: good, vt: 'i32', then: retainRecv,
          else: { op: 'if', cond: eq(tag, i32(3)), vt: 'i32', then: this.callClosure(c, [payload(get(r))]), else: this.callClosure(c, []) } };
        break;
      }
      case 'unwrap_or': {
        const d = this.ex.exprAs(e.args[0], DYN);
        value = { op: 'if', cond: good, vt: 'i32', then: call('rt_retain_ret', [payload(get(r))], 'i32'), else: d };
        break;
      }
      case 'unwrap_or_else': {
        const c = fn(0);
        value = { op: 'if', cond: good, vt: 'i32', then: call('rt_retain_ret', [payload(get(r))], 'i32'),
          else: { op: 'if', cond: eq(tag, i32(3)), vt: 'i32', then: this.callClosure(c, [payload(get(r))]), else: this.callClosure(c, []) } };
        break;
      }
      case 'ok': case 'err': {
        const want = e.method === 'ok' ? 2 : 3;
        value = { op: 'if', cond: eq(tag, i32(want)), vt: 'i32',
          then: this.ex.makeObj(K.ENUM, 1, [payload(get(r))], line), else: this.ex.m.unitObject(0) };
        break;
      }
      default: return this.ex.unsupported(`method ${e.method} on ${rt.k}`, e);
    }
    out.push(value);
    return seq(out, 'i32');
  }

  // ------------------------------------------------------------------ iterables
  private iterable(e: MethodCall, t: Ty, rt: Ty, recvLocal?: number): IR {
    const line = e.span.line;
    const coll = this.fb.local('coll', 'i32');
    const n = this.fb.local('n', 'i32');
    const i = this.fb.local('i', 'i32');
    const x = this.fb.local('x', 'i32');
    const recv = recvLocal !== undefined ? get(recvLocal) : rt.k === 'arr' ? this.ex.expr(e.receiver) : this.ex.exprAs(e.receiver, DYN);
    const pre: IR[] = [set(coll, rt.k === 'arr' ? recv : call('rt_iter_array', [recv, i32(line)], 'i32'))];
    // reduce(init, f) and reduce(f, init) are both accepted: the function is the argument typed fn
    const fnArgIndex = (e.method === 'reduce' || e.method === 'fold') && e.args.length === 2
      ? (this.ex.tyOf(e.args[0]).k === 'fn' && this.ex.tyOf(e.args[1]).k !== 'fn' ? 0 : 1) : 0;
    const clo = this.fb.local('fn', 'i32');
    const acc = this.fb.local('acc', 'i32');
    const brk = this.fb.label('hof_brk'), top = this.fb.label('hof_top');
    const elem: IR = set(x, call('rt_arr_get_dyn', [get(coll), { op: 'un', w: 'i64.extend_i32_s', a: get(i), vt: 'i64' }, i32(line)], 'i32'));
    const truthy = (v: IR): IR => call('rt_dyn_truthy', [v, i32(line)], 'i32');
    const f1 = (): IR => this.callClosure(clo, [get(x)]);
    let init: IR[] = [];
    let step: IR;
    let result: IR;
    let resultTy: Ty = DYN;
    switch (e.method) {
      case 'map': case 'flat_map':
        init = [set(acc, call('rt_arr_new', [i32(0), get(n)], 'i32'))];
        step = set(acc, call(e.method === 'map' ? 'rt_arr_push_dyn' : 'rt_arr_extend', [get(acc), f1(), i32(line)], 'i32'));
        result = get(acc); resultTy = { k: 'arr', elem: DYN };
        break;
      case 'filter':
        init = [set(acc, call('rt_arr_new', [i32(0), i32(0)], 'i32'))];
        step = { op: 'if', cond: truthy(f1()), vt: 'none', then: set(acc, call('rt_arr_push_dyn', [get(acc), get(x), i32(line)], 'i32')) };
        result = get(acc); resultTy = { k: 'arr', elem: DYN };
        break;
      case 'reduce': case 'fold':
        if (e.args.length === 2) init = [set(acc, this.ex.exprAs(e.args[1 - fnArgIndex], DYN))];
        else return this.ex.unsupported(`${e.method} with one argument (give an initial value: xs.${e.method}(init, f))`, e);
        step = set(acc, this.callClosure(clo, [get(acc), get(x)]));
        result = get(acc);
        break;
      case 'any': case 'all': {
        const isAny = e.method === 'any';
        init = [set(acc, i32(isAny ? 0 : 1))];
        const hit = truthy(f1());
        step = { op: 'if', cond: isAny ? hit : { op: 'un', w: 'i32.eqz', a: hit, vt: 'i32' }, vt: 'none',
          then: seq([set(acc, i32(isAny ? 1 : 0)), { op: 'br', label: brk }]) };
        return this.finish(e, t, { k: 'bool' }, pre, clo, fnArgIndex, init, n, i, elem, step, get(acc, 'i32'), brk, top, coll);
      }
      case 'find':
        init = [set(acc, nilRef())];
        step = { op: 'if', cond: truthy(f1()), vt: 'none', then: seq([set(acc, get(x)), { op: 'br', label: brk }]) };
        result = get(acc);
        break;
      case 'position':
        init = [set(acc, this.ex.m.unitObject(0))];
        step = { op: 'if', cond: truthy(f1()), vt: 'none',
          then: seq([set(acc, this.ex.makeObj(K.ENUM, 1, [call('rt_box_i64', [{ op: 'un', w: 'i64.extend_i32_s', a: get(i), vt: 'i64' }], 'i32')], line)), { op: 'br', label: brk }]) };
        result = get(acc);
        break;
      case 'each': case 'for_each':
        step = { op: 'drop', value: f1() };
        return this.finish(e, t, { k: 'nil' }, pre, clo, fnArgIndex, init, n, i, elem, step, { op: 'nop' }, brk, top, coll);
      default: return this.ex.unsupported(`method ${e.method}`, e);
    }
    return this.finish(e, t, resultTy, pre, clo, fnArgIndex, init, n, i, elem, step, result, brk, top, coll);
  }

  private finish(e: MethodCall, t: Ty, resultTy: Ty, pre: IR[], clo: number, fnArgIndex: number, init: IR[], n: number, i: number,
    elem: IR, step: IR, result: IR, brk: string, top: string, coll: number): IR {
    const line = e.span.line;
    const loop: IR = {
      op: 'block', label: brk, vt: 'none', body: [{
        op: 'loop', label: top, body: seq([
          { op: 'br', label: brk, cond: { op: 'bin', w: 'i32.ge_s', a: get(i), b: get(n), vt: 'i32' } },
          elem, step,
          set(i, { op: 'bin', w: 'i32.add', a: get(i), b: i32(1), vt: 'i32' }),
          { op: 'br', label: top },
        ]),
      }],
    };
    const vt = vtOf(resultTy);
    const body = seq([
      ...pre,
      set(clo, this.ex.exprAs(e.args[fnArgIndex], DYN)),
      set(n, { op: 'load', w: 'i32.load', offset: 8, ptr: get(coll), vt: 'i32' }),
      set(i, i32(0)),
      ...init,
      loop,
      ...(vt === 'none' ? [] : [result]),
    ], vt);
    return coerce(body, resultTy, t, line);
  }
}

