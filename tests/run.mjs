// The single test entry (`npm test`): every tests/*.test.mjs (uvu suites, each in its own process),
// then the shared conformance corpus when ../shared exists. Ends with one `N passed, N failed` line.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let passed = 0, failed = 0;
for (const f of readdirSync(join(root, 'tests')).filter(f => f.endsWith('.test.mjs')).sort()) {
  // --no-turbo-fast-api-calls: Node 20's node:wasi can corrupt its heap when a GC runs inside a
  // fast-API fd_write (see host/node-wasi.ts); suites that run modules in-process need the flag
  const r = spawnSync(process.execPath, ['--no-turbo-fast-api-calls', join(root, 'tests', f)], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  const out = (r.stdout ?? '') + (r.stderr ?? '');
  const total = Number(/Total:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const ok = Number(/Passed:\s+(\d+)/.exec(out)?.[1] ?? 0);
  passed += ok;
  failed += total - ok + (r.status === 0 ? 0 : total === ok ? 1 : 0);
  console.log(`${f}: ${ok}/${total} passed${r.status === 0 ? '' : ' (FAILED)'}`);
  if (r.status !== 0) console.log(out.split('\n').slice(-40).join('\n'));
}
// run from the repo root, exactly as documented:
//   node ../shared/conformance/check.mjs --cmd 'node bin/ruchyc.mjs run {file}' \
//        --expect-fail tests/conformance-known-failures.txt --jobs 2
if (existsSync(join(root, '..', 'shared', 'conformance', 'check.mjs'))) {
  const r = spawnSync(process.execPath, ['../shared/conformance/check.mjs', '--cmd', 'node bin/ruchyc.mjs run {file}',
    '--expect-fail', 'tests/conformance-known-failures.txt', '--jobs', '2'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error || (r.status !== 0 && r.status !== 1)) console.log(`conformance runner: ${r.error ?? r.stderr}`);
  const out = r.stdout ?? '';
  const m = /(\d+) passed, (\d+) failed\s*$/.exec(out.trim());
  const known = /(\d+) known failures/.exec(out);
  console.log(out.split('\n').filter(l => !/^\d+ passed, \d+ failed$/.test(l)).join('\n'));
  console.log(`conformance: ${m ? m[1] : 0} passed, ${m ? m[2] : '?'} unexpected failures, ${known ? known[1] : 0} known failures`);
  passed += Number(m?.[1] ?? 0);
  failed += m ? Number(m[2]) : 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
