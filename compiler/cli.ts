// The `ruchyc` command line: build, run, check. Thin handlers around the pipeline (driver.ts) and
// the Node WASI host (host/node-wasi.ts). Exit codes: 0 ok, 1 parse error, 2 type/name error,
// 3 runtime panic, 6 other compile error (unreadable file, bad flags, internal compiler error).
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { parse as parsePath, format as formatPath, basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, renderDiagnostics, type CompileOptions, type CompileResult, type Emit } from './driver.ts';
import { runWasi } from '../host/node-wasi.ts';
import { finishSourceMap, lineTable } from '../targets/sourcemap.ts';
import { buildLibraryTarget, interfaceOf, defaultName, type LibraryTarget } from '../targets/build.ts';
import { ConfigError, findConfig, loadConfig, grantFromFlag, mergePermissions, preopensFor, envFor, type Permissions } from '../host/permissions.ts';

const EXIT_OTHER = 6;
const EXIT_CONFIG = 7;
const OPT_LEVELS = ['0', '1', '2', '3', 's'] as const;
type OptFlag = (typeof OPT_LEVELS)[number];

/** An error in how ruchyc was invoked (bad flag, unreadable file): `ruchyc: error: …`, exit 6. */
class UsageError extends Error {}

function usageError(message: string): number {
  process.stderr.write(`ruchyc: error: ${message}\n`);
  return EXIT_OTHER;
}

/** An exception escaping the compiler is a bug: report it in one line (stack with RUCHYC_DEBUG=1). */
function internalError(file: string, e: unknown): number {
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`${file}: internal compiler error: ${message.split('\n')[0]}\n`);
  if (process.env.RUCHYC_DEBUG === '1' && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
  return EXIT_OTHER;
}

function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EISDIR': return 'is a directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ENOTDIR': return 'not a directory';
    default: return e instanceof Error ? e.message : String(e);
  }
}

function optLevel(flag: OptFlag): NonNullable<CompileOptions['optimize']> {
  return flag === 's' ? 's' : (Number(flag) as 0 | 1 | 2 | 3);
}

type Compiled = { ok: true; result: CompileResult } | { ok: false; code: number };

/** Reads FILE, compiles it, prints diagnostics to stderr. */
function compileFile(file: string, opts: Omit<CompileOptions, 'file' | 'source'>): Compiled {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, code: usageError(`cannot read '${file}': ${ioReason(e)}`) };
  }
  let result: CompileResult;
  try {
    result = compile({ ...opts, file, source });
  } catch (e) {
    return { ok: false, code: internalError(file, e) };
  }
  if (result.diagnostics.length) process.stderr.write(renderDiagnostics(result, file, source) + '\n');
  if (result.exitCode !== 0) return { ok: false, code: result.exitCode };
  return { ok: true, result };
}

/** FILE with its extension replaced by `ext` (appended when FILE has none). */
function withExtension(file: string, ext: string): string {
  const p = parsePath(file);
  return formatPath({ dir: p.dir, name: p.ext ? p.name : p.base, ext });
}

interface BuildArgs { file: string; target: string; output?: string; opt: OptFlag; emit: Emit; sourceMap: boolean }

const LIBRARY_TARGETS = ['node', 'browser', 'worker'] as const;

async function build(a: BuildArgs): Promise<number> {
  const library = (LIBRARY_TARGETS as readonly string[]).includes(a.target) ? a.target as LibraryTarget : undefined;
  const out = a.output ?? (library ? `${defaultName(a.file)}-${library}` : withExtension(a.file, '.' + a.emit));
  const wasmName = library ? 'app.wasm' : basename(out);
  if (a.sourceMap && (a.emit !== 'wasm' || out === '-')) return usageError('--source-map needs a wasm file written to a path (not --emit wat/ir, not -o -)');
  const compiled = compileFile(a.file, { optimize: optLevel(a.opt), emit: a.emit, target: library ?? 'wasi', sourceMapUrl: a.sourceMap ? `${wasmName}.map` : undefined });
  if (!compiled.ok) return compiled.code;
  const { result } = compiled;
  let map: string | undefined;
  if (a.sourceMap) {
    if (result.sourceMap === undefined) return internalError(a.file, new Error('the pipeline produced no source map'));
    try {
      map = await finishSourceMap(result.sourceMap, a.file, readFileSync(a.file, 'utf8'), wasmName);
    } catch (e) {
      return internalError(a.file, e);
    }
  }
  if (library && a.emit === 'wasm') {
    // a directory: app.wasm + app.mjs + app.d.ts (worker: worker.mjs + wrangler.toml)
    const dir = out;
    if (dir === '-') return usageError(`--target ${library} writes a directory; '-o -' is for single-file targets`);
    try {
      const iface = interfaceOf(result.wasm!, a.file, readFileSync(a.file, 'utf8'));
      await buildLibraryTarget(library, result.wasm!, iface, dir, defaultName(a.file), map !== undefined ? await lineTable(map, a.file) : { file: basename(a.file), table: [] });
      if (map !== undefined) writeFileSync(join(dir, `${wasmName}.map`), map);
    } catch (e) {
      return internalError(a.file, e);
    }
    return 0;
  }
  const data: Uint8Array | string | undefined = a.emit === 'wasm' ? result.wasm : result.text;
  if (data === undefined) return internalError(a.file, new Error(`the pipeline produced no ${a.emit} output`));
  try {
    if (out === '-') process.stdout.write(data);
    else writeFileSync(out, data);
    if (map !== undefined) writeFileSync(`${out}.map`, map);
  } catch (e) {
    return usageError(`cannot write '${out}': ${ioReason(e)}`);
  }
  return 0;
}

interface RunArgs { file: string; opt: OptFlag; args: string[]; flags: Permissions }

/** the grants for a run: ruchy.yaml's `permissions:` with the flags winning key by key */
function permissionsFor(a: RunArgs): Permissions | number {
  let fromFile: Permissions = {};
  const config = findConfig(a.file);
  try {
    if (config) fromFile = loadConfig(config);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`ruchyc: error: ${e.message}\n`);
      return EXIT_CONFIG;
    }
    throw e;
  }
  return mergePermissions(fromFile, a.flags);
}

async function run(a: RunArgs): Promise<number> {
  const perms = permissionsFor(a);
  if (typeof perms === 'number') return perms;
  const preopens = preopensFor(perms);
  for (const p of preopens) {
    if (!existsSync(p.hostPath)) return usageError(`granted directory '${p.guestPath}' does not exist`);
  }
  // with a source map, so that a trap (stack overflow, wasm trap) names its Ruchy line
  const compiled = compileFile(a.file, { optimize: optLevel(a.opt), emit: 'wasm', target: 'wasi', sourceMapUrl: `${basename(a.file)}.wasm.map` });
  if (!compiled.ok) return compiled.code;
  const { result } = compiled;
  if (!result.wasm) return internalError(a.file, new Error('the pipeline produced no wasm module'));
  try {
    return await runWasi(result.wasm, {
      args: [a.file, ...a.args],
      env: envFor(perms),
      preopens,
      file: a.file,
      sourceMap: result.sourceMap,
    });
  } catch (e) {
    // the module did not compile or instantiate: the compiler's fault, not the program's
    return internalError(a.file, e);
  }
}

function check(file: string): number {
  const compiled = compileFile(file, { checkOnly: true });
  return compiled.ok ? 0 : compiled.code;
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'));
    return String(pkg.version);
  } catch {
    return 'unknown';
  }
}

/** `-O2` and friends are single tokens, not yargs short-flag groups: rewrite them to `--opt=2`. */
function normaliseArgs(argv: string[]): { own: string[]; rest: string[] | undefined } {
  const dd = argv.indexOf('--');
  const own = (dd < 0 ? argv : argv.slice(0, dd)).map(a => {
    const m = /^-O([0-3s])$/.exec(a);
    if (m) return `--opt=${m[1]}`;
    // a bare --allow-read (everything) must not take the next word as its value
    if (/^--allow-(read|write|env)$/.test(a)) return a + '=';
    return a;
  });
  return { own, rest: dd < 0 ? undefined : argv.slice(dd + 1) };
}

const optOption = {
  alias: 'O',
  choices: OPT_LEVELS,
  default: '2' as OptFlag,
  describe: 'optimisation level: -O0, -O1, -O2, -O3 or -Os',
  type: 'string',
} as const;

export async function main(argv: string[]): Promise<number> {
  const { own, rest } = normaliseArgs(argv);
  let code = 0;
  const setCode = (c: number): void => { code = c; };
  const noExtraArgs = (cmd: string): void => {
    if (rest !== undefined) throw new UsageError(`'ruchyc ${cmd}' takes no arguments after '--'`);
  };
  const cli = yargs(own)
    .scriptName('ruchyc')
    .usage('ruchyc: compile Ruchy programs to WebAssembly (WASI, Node, browsers, Cloudflare Workers)\n\nUsage: $0 <command> [options]')
    .command(
      'build <file>',
      'compile FILE to a WASI command module, or a JS library package (--target node|browser|worker)',
      y => y
        .positional('file', { type: 'string', demandOption: true, describe: 'the Ruchy source file' })
        .option('target', { choices: ['wasm', 'wasi', 'node', 'browser', 'worker'] as const, default: 'wasm', describe: 'wasm/wasi: a WASI command module; node, browser, worker: a directory with the module and its JS glue (see targets/)' })
        .option('output', { alias: 'o', type: 'string', describe: "output path ('-' for stdout; default: FILE with .wasm/.wat/.ir; node/browser/worker: directory NAME-TARGET)" })
        .option('opt', optOption)
        .option('emit', { choices: ['wasm', 'wat', 'ir'] as const, default: 'wasm' as Emit, describe: 'what to write' })
        .option('source-map', { type: 'boolean', default: false, describe: 'also write a source map (OUT.wasm.map; DIR/app.wasm.map) so devtools show .ruchy lines' })
        .example('$0 build hello.ruchy', 'writes hello.wasm')
        .example('$0 build hello.ruchy --emit wat -o -', 'prints the optimised module as text')
        .example('$0 build lib.ruchy --target node -o out', 'writes out/app.wasm, out/app.mjs, out/app.d.ts'),
      async a => {
        noExtraArgs('build');
        setCode(await build({ file: a.file, target: a.target, output: a.output, opt: a.opt as OptFlag, emit: a.emit, sourceMap: a.sourceMap }));
      },
    )
    .command(
      'run <file> [args..]',
      'compile FILE in memory and run it (WASI, sandboxed: see --allow-*); its exit code is the program\'s',
      y => y
        .positional('file', { type: 'string', demandOption: true, describe: 'the Ruchy source file' })
        .positional('args', { type: 'string', array: true, describe: "the program's arguments (put them after '--' when they start with '-')" })
        .option('opt', optOption)
        .option('allow-read', { type: 'string', describe: 'let the program read files under DIR (comma-separated or repeated; alone: everywhere)' })
        .option('allow-write', { type: 'string', describe: 'let the program create and write files under DIR (comma-separated or repeated; alone: everywhere)' })
        .option('allow-env', { type: 'string', describe: 'let the program see environment variable NAME (comma-separated or repeated; alone: all)' })
        .option('allow-all', { alias: 'A', type: 'boolean', describe: 'grant everything (read, write, env)' })
        .example('$0 run prog.ruchy -- --verbose input.txt', 'passes --verbose input.txt to the program')
        .example('$0 run --allow-read=data --allow-env=HOME tool.ruchy data/in.txt', 'reads under ./data, sees only HOME'),
      async a => {
        const args = [...(a.args ?? []).map(String), ...(rest ?? [])];
        const list = (v: unknown): string[] | undefined => v === undefined ? undefined : (Array.isArray(v) ? v : [v]).map(String);
        const flags: Permissions = a.allowAll
          ? { read: true, write: true, env: true }
          : { read: grantFromFlag(list(a.allowRead)), write: grantFromFlag(list(a.allowWrite)), env: grantFromFlag(list(a.allowEnv), undefined, true) };
        setCode(await run({ file: a.file, opt: a.opt as OptFlag, args, flags }));
      },
    )
    .command(
      'check <file>',
      'parse and type-check FILE only (prints nothing when it is fine)',
      y => y.positional('file', { type: 'string', demandOption: true, describe: 'the Ruchy source file' }),
      a => {
        noExtraArgs('check');
        setCode(check(a.file));
      },
    )
    .demandCommand(1, 'no command given (try: ruchyc --help)')
    .strict()
    .help()
    .alias('help', 'h')
    .version(packageVersion())
    .epilogue('Exit codes: 0 ok, 1 parse error, 2 type/name error, 3 runtime panic, 6 other error, 7 bad ruchy.yaml.')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      // yargs validation errors (YError) and our own UsageErrors are usage errors; anything else
      // thrown from a handler propagates as an internal error
      if (err && !(err instanceof UsageError) && err.name !== 'YError') throw err;
      throw err instanceof UsageError ? err : new UsageError(msg || (err ? err.message : 'invalid arguments'));
    });
  try {
    await cli.parseAsync();
  } catch (e) {
    if (e instanceof UsageError) return usageError(e.message);
    return internalError('ruchyc', e);
  }
  return code;
}

try {
  process.exitCode = await main(hideBin(process.argv));
} catch (e) {
  // main handles every expected failure; this is the last guard against a raw JS stack trace
  process.exitCode = internalError('ruchyc', e);
}
