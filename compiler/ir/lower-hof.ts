// Higher-order methods the compiler expands inline: on arrays (and anything iterable: ranges,
// strings, maps, dyn values) map / filter / reduce / fold / any / all / find / each / position /
// flat_map; on Option and Result map / and_then / or / or_else / unwrap_or /
// unwrap_or_else / map_err / ok / err. Function arguments are called through the closure ABI
// (boxed arguments and result); a dyn receiver is checked at run time for Option/Result vs iterable.
import type { Expr } from '../syntax/ast.ts';
import { type Ty, DYN } from '../types/types.ts';
import type { IR, VT } from './ir.ts';
import type { ExprLowerer } from './lower-expr.ts';
import { i32, call, coerce, nilRef, vtOf, isRef } from './values.ts';
import { K } from './data.ts';

type MethodCall = Extract<Expr, { kind: 'MethodCall' }>;

const get = (local: number, vt: VT = 'i32'): IR => ({ op: 'get', local, vt });
const set = (local: number, value: IR): IR => ({ op: 'set', local, value });
const seq = (body: IR[], vt: VT = 'none', owned = false): IR => (owned ? { op: 'block', body, vt, owned } : { op: 'block', body, vt });
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
      // the receiver is held for both paths (each borrows it) and released after
      const recv = this.ex.hold(this.ex.exprAs(e.receiver, DYN), DYN, 'recv');
      const optPath = OPTION_HOFS.has(e.method) ? coerce(this.option(e, rt, recv.local), DYN, t, line) : undefined;
      const itPath = ITERABLE_HOFS.has(e.method) ? this.iterable(e, t, rt, recv.local) : undefined;
      const isEnum = eq({ op: 'load', w: 'i32.load8_u', offset: 4, ptr: get(recv.local), vt: 'i32' }, i32(K.ENUM));
      const body = !optPath ? itPath! : !itPath ? optPath : { op: 'if', cond: isEnum, then: optPath, else: itPath, vt: vtOf(t) } as IR;
      return this.ex.thenRelease(seq([recv.init, body], vtOf(t)), recv.release, vtOf(t), isRef(t));
    }
    return undefined;
  }

  /**
   * `body` (whose value is owned when it is a reference), then the held values' releases: the
   * result is computed before the receiver and the functions it borrowed are let go.
   */
  private releasing(body: IR, held: { init: IR; release: IR }[], vt: VT, owned: boolean): IR {
    const inner = seq([...held.map(h => h.init), body], vt, owned);
    return held.reduceRight((acc, h) => this.ex.thenRelease(acc, h.release, vt, owned), inner);
  }

  // ------------------------------------------------------------------ Option / Result
  /** Boxed, owned result. `recvLocal` holds the (boxed) receiver when already evaluated. */
  private option(e: MethodCall, rt: Ty, recvLocal?: number): IR {
    const line = e.span.line;
    const held: { init: IR; release: IR }[] = [];
    let r: number;
    if (recvLocal !== undefined) r = recvLocal;
    else {
      const h = this.ex.hold(this.ex.exprAs(e.receiver, DYN), DYN, 'opt');
      held.push(h);
      r = h.local;
    }
    const tag = tagOf(get(r));
    // Some (1) / Ok (2) are the "value" side, None (0) / Err (3) the "failure" side
    const good = or(eq(tag, i32(1)), eq(tag, i32(2)));
    const fn = (i: number): number => {
      const h = this.ex.hold(this.ex.exprAs(e.args[i], DYN), DYN, 'fn');
      held.push(h);
      return h.local;
    };
    const retainRecv = call('rt_retain_ret', [get(r)], 'i32');
    const owned = (a: Expr): IR => this.ex.ownedValue(this.ex.exprAs(a, DYN), DYN);
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
      case 'or':
        value = { op: 'if', cond: good, vt: 'i32', then: retainRecv, else: owned(e.args[0]) };
        break;
      case 'or_else': {
        const c = fn(0);
        // None: f(); Err(e): f(e)
        value = { op: 'if', cond: good, vt: 'i32', then: retainRecv,
          else: { op: 'if', cond: eq(tag, i32(3)), vt: 'i32', then: this.callClosure(c, [payload(get(r))]), else: this.callClosure(c, []) } };
        break;
      }
      case 'unwrap_or':
        value = { op: 'if', cond: good, vt: 'i32', then: call('rt_retain_ret', [payload(get(r))], 'i32'), else: owned(e.args[0]) };
        break;
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
    return this.releasing(value, held, 'i32', true);
  }

  // ------------------------------------------------------------------ iterables
  /**
   * The loop over an iterable: `coll` is a boxed array (the receiver, or the runtime's array of
   * its elements), `x` the current element (owned: released when the next one is read and after
   * the loop; a step that keeps it moves it out and clears `x`), `acc` the result being built.
   */
  private iterable(e: MethodCall, t: Ty, rt: Ty, recvLocal?: number): IR {
    const line = e.span.line;
    const n = this.fb.local('n', 'i32');
    const i = this.fb.local('i', 'i32');
    const x = this.fb.local('x', 'i32');
    const recv = recvLocal !== undefined ? get(recvLocal) : rt.k === 'arr' ? this.ex.expr(e.receiver) : this.ex.exprAs(e.receiver, DYN);
    // the loop owns its collection (a borrowed array is retained), so that the closure writing
    // to the receiver's variable copies it first and the loop sees the elements as they were
    const coll = this.ex.hold(rt.k === 'arr' ? this.ex.ownedValue(recv, DYN)
      : this.ex.borrowing(recv, DYN, r => call('rt_iter_array', [r, i32(line)], 'i32'), 'i32'), DYN, 'coll');
    // reduce(init, f) and reduce(f, init) are both accepted: the function is the argument typed fn
    const fnArgIndex = (e.method === 'reduce' || e.method === 'fold') && e.args.length === 2
      ? (this.ex.tyOf(e.args[0]).k === 'fn' && this.ex.tyOf(e.args[1]).k !== 'fn' ? 0 : 1) : 0;
    const clo = this.ex.hold(this.ex.exprAs(e.args[fnArgIndex], DYN), DYN, 'fn');
    const acc = this.fb.local('acc', 'i32');
    const brk = this.fb.label('hof_brk'), top = this.fb.label('hof_top');
    const elem: IR = seq([call('rt_release', [get(x)], 'none'),
      set(x, call('rt_arr_get_dyn', [get(coll.local), { op: 'un', w: 'i64.extend_i32_s', a: get(i), vt: 'i64' }, i32(line)], 'i32'))]);
    const f1 = (): IR => this.callClosure(clo.local, [get(x)]);
    // the closure's (owned) result tested for truth, then released
    const test = (): IR => this.ex.borrowing(f1(), DYN, v => call('rt_dyn_truthy', [v, i32(line)], 'i32'), 'i32');
    const exit = (...then: IR[]): IR => seq([...then, { op: 'br', label: brk }]);
    let init: IR[] = [];
    let step: IR;
    let resultTy: Ty = DYN;
    switch (e.method) {
      case 'map': case 'flat_map':
        init = [set(acc, newArray(get(n)))];
        step = this.ex.borrowing(f1(), DYN, v => set(acc, call(e.method === 'map' ? 'rt_arr_push_dyn' : 'rt_dm_extend', [get(acc), v, i32(line)], 'i32')), 'none');
        resultTy = { k: 'arr', elem: DYN };
        break;
      case 'filter':
        init = [set(acc, newArray(i32(0)))];
        step = { op: 'if', cond: test(), vt: 'none', then: set(acc, call('rt_arr_push_dyn', [get(acc), get(x), i32(line)], 'i32')) };
        resultTy = { k: 'arr', elem: DYN };
        break;
      case 'reduce': case 'fold': {
        if (e.args.length !== 2) return this.ex.unsupported(`${e.method} with one argument (give an initial value: xs.${e.method}(init, f))`, e);
        init = [set(acc, this.ex.ownedValue(this.ex.exprAs(e.args[1 - fnArgIndex], DYN), DYN))];
        // the closure borrows the accumulator: the previous one is released once the next exists
        const next = this.fb.local('next', 'i32');
        step = seq([set(next, this.callClosure(clo.local, [get(acc), get(x)])), call('rt_release', [get(acc)], 'none'), set(acc, get(next))]);
        break;
      }
      case 'any': case 'all': {
        const isAny = e.method === 'any';
        init = [set(acc, i32(isAny ? 0 : 1))];
        step = { op: 'if', cond: isAny ? test() : { op: 'un', w: 'i32.eqz', a: test(), vt: 'i32' }, vt: 'none',
          then: exit(set(acc, i32(isAny ? 1 : 0))) };
        resultTy = { k: 'bool' };
        break;
      }
      case 'find':
        init = [set(acc, nilRef())];
        step = { op: 'if', cond: test(), vt: 'none', then: exit(set(acc, get(x)), set(x, i32(0))) };
        break;
      case 'position':
        init = [set(acc, this.ex.m.unitObject(0))];
        step = { op: 'if', cond: test(), vt: 'none',
          then: exit(set(acc, this.ex.makeObj(K.ENUM, 1, [call('rt_box_i64', [{ op: 'un', w: 'i64.extend_i32_s', a: get(i), vt: 'i64' }], 'i32')], line))) };
        break;
      case 'each': case 'for_each':
        step = call('rt_release', [f1()], 'none');
        resultTy = { k: 'nil' };
        break;
      default: return this.ex.unsupported(`method ${e.method}`, e);
    }
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
      set(n, { op: 'load', w: 'i32.load', offset: 8, ptr: get(coll.local), vt: 'i32' }),
      set(i, i32(0)), set(x, i32(0)),
      ...init,
      loop,
      call('rt_release', [get(x)], 'none'),
      ...(vt === 'none' ? [] : [get(acc, vt)]),
    ], vt, isRef(resultTy));
    return coerce(this.releasing(body, [coll, clo], vt, isRef(resultTy)), resultTy, t, line);
  }
}

/** A fresh empty array of boxed elements with room for `cap` (the accumulators of map / filter). */
function newArray(cap: IR): IR {
  return call('rt_arr_new', [i32(0), cap], 'i32');
}
