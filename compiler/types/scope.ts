// Lexical scopes of one function instance. A closure's scope is marked as a boundary: a local
// variable found beyond it is captured by that closure.
import type { Instance, VarInfo } from './program.ts';

export class Scope {
  private vars = new Map<string, VarInfo>();
  constructor(readonly parent: Scope | null, readonly closure: Instance | null = null) {}

  define(v: VarInfo): void {
    this.vars.set(v.name, v);
  }

  /** Finds a variable; marks it captured by every closure boundary crossed on the way. */
  lookup(name: string): VarInfo | undefined {
    const crossed: Instance[] = [];
    for (let s: Scope | null = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v) {
        if (!v.global) {
          for (const c of crossed) {
            v.captured = true;
            if (!c.captures.includes(v)) c.captures.push(v);
          }
        }
        return v;
      }
      if (s.closure) crossed.push(s.closure);
    }
    return undefined;
  }
}
