// Text form of the IR (`ruchyc build --emit ir`), one node per line, for golden tests.
import type { IR, IRModule } from './ir.ts';

export function printIR(m: IRModule): string {
  const out: string[] = [];
  for (const g of m.globals) out.push(`global ${g.name}: ${g.vt}`);
  for (const f of m.funcs) {
    if (f.name.startsWith('__') && f.name !== '__entry' && f.name !== '__script') continue;
    const params = f.locals.slice(0, f.params.length).map((l, i) => `$${i}:${l.name}: ${l.vt}`).join(', ');
    out.push(`fn ${f.name}(${params}) -> ${f.result}`);
    f.locals.slice(f.params.length).forEach((l, i) => out.push(`  local $${i + f.params.length}:${l.name}: ${l.vt}`));
    node(f.body, 1, out);
  }
  return out.join('\n') + '\n';
}

function node(e: IR, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const line = (s: string): void => { out.push(pad + s); };
  switch (e.op) {
    case 'const': return line(`${e.vt}.const ${String(e.value)}`);
    case 'get': return line(`get $${e.local}`);
    case 'set': line(`set $${e.local}`); return node(e.value, depth + 1, out);
    case 'tee': line(`tee $${e.local}`); return node(e.value, depth + 1, out);
    case 'gget': return line(`global.get ${e.name}`);
    case 'gset': line(`global.set ${e.name}`); return node(e.value, depth + 1, out);
    case 'call': line(`call ${e.fn} -> ${e.vt}`); e.args.forEach(a => node(a, depth + 1, out)); return;
    case 'calli': line(`call_indirect -> ${e.vt}`); node(e.index, depth + 1, out); e.args.forEach(a => node(a, depth + 1, out)); return;
    case 'bin': line(e.w); node(e.a, depth + 1, out); node(e.b, depth + 1, out); return;
    case 'un': line(e.w); node(e.a, depth + 1, out); return;
    case 'load': line(`${e.w} offset=${e.offset}`); node(e.ptr, depth + 1, out); return;
    case 'store': line(`${e.w} offset=${e.offset}`); node(e.ptr, depth + 1, out); node(e.value, depth + 1, out); return;
    case 'block': line(`block${e.label ? ' ' + e.label : ''} -> ${e.vt}`); e.body.forEach(b => node(b, depth + 1, out)); return;
    case 'loop': line(`loop ${e.label}`); node(e.body, depth + 1, out); return;
    case 'if': line(`if -> ${e.vt}`); node(e.cond, depth + 1, out); line('then'); node(e.then, depth + 1, out);
      if (e.else) { line('else'); node(e.else, depth + 1, out); } return;
    case 'br': line(`br ${e.label}${e.cond ? ' if' : ''}`); if (e.cond) node(e.cond, depth + 1, out); if (e.value) node(e.value, depth + 1, out); return;
    case 'return': line('return'); if (e.value) node(e.value, depth + 1, out); return;
    case 'drop': line('drop'); return node(e.value, depth + 1, out);
    case 'unreachable': return line('unreachable');
    case 'nop': return line('nop');
    case 'data': return line(`data #${e.id}`);
    case 'fnidx': return line(`fnidx ${e.fn}`);
  }
}
