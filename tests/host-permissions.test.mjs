// `ruchyc run` permission flags and ruchy.yaml at the command line (what needs no file access from
// the program): config errors are exit 7, a missing granted directory is a usage error (6), a good
// config runs, the flags are documented in --help.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './host-lib.mjs';

const dir = mkdtempSync(join(tmpdir(), 'ruchyc-perm-'));
writeFileSync(join(dir, 'hi.ruchy'), 'println("hi")\n');
const run = (...args) => spawnSync(process.execPath, [join(root, 'bin/ruchyc.mjs'), 'run', ...args], { cwd: dir, encoding: 'utf8' });
const config = text => writeFileSync(join(dir, 'ruchy.yaml'), text);

test('a valid ruchy.yaml and grants: the program runs', () => {
  mkdirSync(join(dir, 'data'), { recursive: true });
  config('permissions:\n  allow-read: [data]\n  allow-write: data\n  allow-env: [HOME]\n');
  const r = run('hi.ruchy');
  assert.is(r.stderr, '');
  assert.is(r.stdout, 'hi\n');
  assert.is(r.status, 0);
  assert.is(run('--allow-read=data', '--allow-env', '-A', 'hi.ruchy').status, 0);
  assert.is(run('--allow-read', 'hi.ruchy').stdout, 'hi\n', 'a bare --allow-read does not take the file as its value');
});

test('unknown keys, bad values and bad YAML are exit 7 with the reason', () => {
  const cases = [
    ['permissions:\n  allow-net: true\n', /unknown key 'permissions\.allow-net'/],
    ['permisions:\n  allow-read: [data]\n', /unknown key 'permisions'/],
    ['permissions:\n  allow-read: 5\n', /'permissions\.allow-read' must be/],
    ['permissions:\n  allow-all: yes please\n', /'permissions\.allow-all' must be true or false/],
    ['permissions: [data]\n', /'permissions' must be a mapping/],
    ['permissions:\n  allow-read: [data\n', /invalid YAML/],
  ];
  for (const [text, why] of cases) {
    config(text);
    const r = run('hi.ruchy');
    assert.is(r.status, 7, text);
    assert.is(r.stdout, '', 'the program does not run');
    assert.match(r.stderr, /^ruchyc: error: .*ruchy\.yaml: /);
    assert.match(r.stderr, why);
  }
});

test('a granted directory that does not exist is a usage error', () => {
  config('permissions: {}\n');
  const r = run('--allow-read=nowhere', 'hi.ruchy');
  assert.is(r.status, 6);
  assert.is(r.stderr, "ruchyc: error: granted directory 'nowhere' does not exist\n");
});

test('environment: only granted names are visible; a withheld one is an error naming --allow-env', () => {
  config('permissions: {}\n');
  writeFileSync(join(dir, 'env.ruchy'), `
for name in ["RUCHY_T_GRANTED", "RUCHY_T_WITHHELD", "RUCHY_T_UNSET", "__RUCHY_ALLOW_ENV"] {
    match env_var(name) {
        Ok(v) => println(f"{name}={v}"),
        Err(e) => println(f"{name}: {e}"),
    }
}
`);
  const env = { ...process.env, RUCHY_T_GRANTED: 'yes', RUCHY_T_WITHHELD: 'secret' };
  const runEnv = (...args) => spawnSync(process.execPath, [join(root, 'bin/ruchyc.mjs'), 'run', ...args], { cwd: dir, encoding: 'utf8', env });
  const denied = name => `${name}: permission denied: cannot read environment variable '${name}' (grant access with --allow-env=${name})`;
  let r = runEnv('--allow-env=RUCHY_T_GRANTED,RUCHY_T_UNSET', 'env.ruchy');
  assert.is(r.stderr, '');
  assert.is(r.stdout, ['RUCHY_T_GRANTED=yes', denied('RUCHY_T_WITHHELD'), 'RUCHY_T_UNSET: NotFound', '__RUCHY_ALLOW_ENV: NotFound', ''].join('\n'));
  r = runEnv('env.ruchy');
  assert.is(r.stdout, [denied('RUCHY_T_GRANTED'), denied('RUCHY_T_WITHHELD'), denied('RUCHY_T_UNSET'), '__RUCHY_ALLOW_ENV: NotFound', ''].join('\n'), 'nothing by default');
  r = runEnv('--allow-env', 'env.ruchy');
  assert.is(r.stdout, ['RUCHY_T_GRANTED=yes', 'RUCHY_T_WITHHELD=secret', 'RUCHY_T_UNSET: NotFound', '__RUCHY_ALLOW_ENV: NotFound', ''].join('\n'), 'a bare --allow-env grants all');
  // unwrapping a withheld variable is a panic whose message names the flag
  writeFileSync(join(dir, 'env2.ruchy'), 'let home = env_var("RUCHY_T_WITHHELD").unwrap()\nprintln(home)\n');
  r = runEnv('env2.ruchy');
  assert.is(r.status, 3);
  assert.match(r.stderr, /env2\.ruchy:1: .*--allow-env=RUCHY_T_WITHHELD/);
});

test('--help documents the permission flags and exit code 7', () => {
  const r = spawnSync(process.execPath, [join(root, 'bin/ruchyc.mjs'), 'run', '--help'], { encoding: 'utf8' });
  for (const f of ['--allow-read', '--allow-write', '--allow-env', '--allow-all']) assert.ok(r.stdout.includes(f), f);
  const top = spawnSync(process.execPath, [join(root, 'bin/ruchyc.mjs'), '--help'], { encoding: 'utf8' });
  assert.match(top.stdout, /7 bad\s+ruchy\.yaml/);
});

test.run();
