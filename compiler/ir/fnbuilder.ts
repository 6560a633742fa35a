// Per-function lowering state: locals, loop labels, the instance being lowered.
import type { Instance, VarInfo } from '../types/program.ts';
import type { IR, IRFunc, VT } from './ir.ts';
import type { Span } from '../diagnostics.ts';

export class Unsupported extends Error {
  constructor(message: string, readonly span: Span) { super(message); }
}

/** an enclosing loop, or a labelled block (`block`: only a labelled `break` goes to it) */
export interface LoopLabels { label?: string; brk: string; cont: string; resultLocal?: number; block?: boolean }

export class FnBuilder {
  readonly locals: { name: string; vt: VT }[] = [];
  private varLocal = new Map<VarInfo, number>();
  readonly loops: LoopLabels[] = [];
  private labelCount = 0;
  /** local holding the closure environment (closures only) */
  envLocal = -1;
  /** code run before every return (the call-depth guard) */
  retExit?: IR;

  constructor(readonly inst: Instance, readonly name: string) {}

  local(name: string, vt: VT): number {
    this.locals.push({ name, vt: vt === 'none' ? 'i32' : vt });
    return this.locals.length - 1;
  }

  varSlot(v: VarInfo, vt: VT): number {
    let l = this.varLocal.get(v);
    if (l === undefined) {
      l = this.local(`${v.name}_${v.id}`, vt);
      this.varLocal.set(v, l);
    }
    return l;
  }

  /** Locals holding an owned temporary for the extent of a construct (zero when not holding one). */
  readonly heldLocals: number[] = [];

  /** A local for an owned temporary; the function's exits release it (see ExprLowerer.hold). */
  held(name: string): number {
    const l = this.local(name, 'i32');
    this.heldLocals.push(l);
    return l;
  }

  /**
   * Locals of variables that own a reference (released when the function returns): reference
   * values, and the cells of captured variables bound here (a closure keeps its own reference).
   */
  ownedVarLocals(isRefVar: (v: VarInfo) => boolean): number[] {
    return [...this.varLocal.entries()].filter(([v]) => !v.global && (v.captured || isRefVar(v))).map(([, l]) => l);
  }

  label(prefix: string): string {
    return `${prefix}${this.labelCount++}`;
  }

  finish(params: VT[], result: VT, body: IR, line: number): IRFunc {
    return { name: this.name, params, result, locals: this.locals, body, line };
  }
}
