// Build: (1) AssemblyScript runtime -> runtime-as/build/runtime.wasm, (2) esbuild bundles of the
// compiler library (dist/compiler.mjs) and the CLI (dist/cli.mjs). Packages stay external.
import { build } from 'esbuild';
import asc from 'assemblyscript/asc';
import { mkdirSync, readFileSync, statSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const quiet = process.argv.includes('--quiet');
const log = (...a) => { if (!quiet) console.log(...a); };

function newest(dir) {
  let t = 0;
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, f.name);
    t = Math.max(t, f.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

async function buildRuntime() {
  const out = join(root, 'runtime-as/build/runtime.wasm');
  const src = join(root, 'runtime-as/assembly');
  if (existsSync(out) && statSync(out).mtimeMs > newest(src) && !process.argv.includes('--force')) {
    log('runtime: up to date');
    return;
  }
  mkdirSync(dirname(out), { recursive: true });
  const { error, stderr } = await asc.main([
    'runtime-as/assembly/index.ts',
    '--baseDir', root, // internal names (and the --use abort path) relative to the package root
    '--outFile', out,
    '--textFile', out.replace(/\.wasm$/, '.wat'),
    '--runtime', 'stub',
    '--optimizeLevel', '3', '--shrinkLevel', '0',
    '--noAssert',
    '--enable', 'simd',
    '--enable', 'bulk-memory',
    '--use', 'abort=runtime-as/assembly/panic/rt_abort',
    '--debug',
  ], { stderr: process.stderr, stdout: process.stdout });
  if (error) {
    console.error(String(stderr ?? ''));
    throw new Error('runtime build failed: ' + error.message);
  }
  log('runtime: built', out);
}

async function buildCompiler() {
  const common = {
    bundle: true, platform: 'node', format: 'esm', target: 'node20', sourcemap: 'linked',
    packages: 'external', logLevel: quiet ? 'error' : 'warning',
  };
  await build({ ...common, entryPoints: [join(root, 'compiler/index.ts')], outfile: join(root, 'dist/compiler.mjs') });
  await build({ ...common, entryPoints: [join(root, 'compiler/cli.ts')], outfile: join(root, 'dist/cli.mjs') });
  // the thread `ruchyc run` executes programs in (host/node-wasi.ts loads it next to cli.mjs)
  await build({ ...common, entryPoints: [join(root, 'host/run-worker.ts')], outfile: join(root, 'dist/run-worker.mjs') });
  log('compiler: built dist/compiler.mjs, dist/cli.mjs');
}

await buildRuntime();
await buildCompiler();
