// Deno-style permissions for `ruchyc run`: nothing is readable, writable or visible in the
// environment unless granted, by flags (--allow-read=DIR, --allow-write=DIR, --allow-env=NAME,
// -A) or by the `permissions:` section of ruchy.yaml. Flags win over the file, key by key.
// Grants become WASI capabilities: one preopened directory per granted directory (with read and /
// or write rights) and an environment filtered to the granted names.
import { readFileSync, existsSync } from 'node:fs';
import { resolve, dirname, join, isAbsolute, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';

/** a grant: `true` = everything, else a list (directories or variable names) */
export type Grant = true | string[];

export interface Permissions {
  read?: Grant;
  write?: Grant;
  env?: Grant;
}

/** A ruchy.yaml that cannot be used (exit code 7). */
export class ConfigError extends Error {}

const KEYS: Record<string, keyof Permissions | 'all'> = {
  'allow-read': 'read', 'allow-write': 'write', 'allow-env': 'env', 'allow-all': 'all',
};

/** the `permissions:` section of a ruchy.yaml text; relative directories resolve against baseDir */
export function parseConfig(text: string, file: string, baseDir: string): Permissions {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new ConfigError(`${file}: invalid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new ConfigError(`${file}: expected a mapping at the top level`);
  const out: Permissions = {};
  for (const [k, v] of Object.entries(doc as Record<string, unknown>)) {
    if (k !== 'permissions') throw new ConfigError(`${file}: unknown key '${k}' (known: permissions)`);
    if (v === null) continue;
    if (typeof v !== 'object' || Array.isArray(v)) throw new ConfigError(`${file}: 'permissions' must be a mapping`);
    for (const [pk, pv] of Object.entries(v as Record<string, unknown>)) {
      const which = KEYS[pk];
      if (!which) throw new ConfigError(`${file}: unknown key 'permissions.${pk}' (known: ${Object.keys(KEYS).join(', ')})`);
      if (which === 'all') {
        if (typeof pv !== 'boolean') throw new ConfigError(`${file}: 'permissions.allow-all' must be true or false`);
        if (pv) { out.read = true; out.write = true; out.env = true; }
        continue;
      }
      const g = grantOf(pv, `${file}: 'permissions.${pk}'`);
      if (g === undefined) continue;
      out[which] = g === true || which === 'env' ? g : g.map(d => resolve(baseDir, d));
    }
  }
  return out;
}

function grantOf(v: unknown, what: string): Grant | undefined {
  if (v === true) return true;
  if (v === false || v === null) return undefined;
  if (typeof v === 'string') return v.split(',').map(s => s.trim()).filter(Boolean);
  if (Array.isArray(v) && v.every(x => typeof x === 'string')) return v as string[];
  throw new ConfigError(`${what} must be true, a list of strings or a comma-separated string`);
}

/** The ruchy.yaml that applies to FILE: in FILE's directory, else in the working directory. */
export function findConfig(file: string, cwd = process.cwd()): string | undefined {
  for (const dir of [dirname(resolve(cwd, file)), cwd]) {
    const p = join(dir, 'ruchy.yaml');
    if (existsSync(p)) return p;
  }
  return undefined;
}

export function loadConfig(path: string): Permissions {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`${path}: cannot read: ${(e as Error).message}`);
  }
  return parseConfig(text, path, dirname(path));
}

/** CLI flag values (`--allow-read` alone is '' = everything) -> a grant */
export function grantFromFlag(values: string[] | undefined, cwd = process.cwd(), isEnv = false): Grant | undefined {
  if (values === undefined) return undefined;
  const items = values.flatMap(v => String(v).split(',')).map(s => s.trim());
  if (items.length === 0 || items.some(s => s === '')) return true;
  return isEnv ? items : items.map(d => resolve(cwd, d));
}

/** flags win over the file, key by key */
export function mergePermissions(fromFile: Permissions, fromFlags: Permissions): Permissions {
  return {
    read: fromFlags.read ?? fromFile.read,
    write: fromFlags.write ?? fromFile.write,
    env: fromFlags.env ?? fromFile.env,
  };
}

/** a preopened directory: the guest name, the host directory, its rights */
export interface PreopenSpec { guestPath: string; hostPath: string; read: boolean; write: boolean }

const within = (dir: string, parent: string): boolean => {
  const r = relative(parent, dir);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
};

/**
 * The preopens for a set of grants. A directory granted by both flags gets both rights; a
 * directory inside another grant inherits that grant's rights too (the runtime picks the longest
 * matching preopen). Guest names are the paths as the program will write them: relative to the
 * working directory when inside it, absolute otherwise. `true` (everything) preopens `/` and `.`.
 */
export function preopensFor(p: Permissions, cwd = process.cwd()): PreopenSpec[] {
  const dirs = new Map<string, { read: boolean; write: boolean }>();
  const add = (g: Grant | undefined, right: 'read' | 'write') => {
    if (g === undefined) return;
    const list = g === true ? ['/', cwd] : g;
    for (const d of list) {
      const abs = resolve(cwd, d);
      const e = dirs.get(abs) ?? { read: false, write: false };
      e[right] = true;
      dirs.set(abs, e);
    }
  };
  add(p.read, 'read');
  add(p.write, 'write');
  const all = [...dirs.entries()];
  return all.flatMap(([abs, r]) => {
    let read = r.read, write = r.write;
    for (const [other, o] of all) {
      if (other !== abs && within(abs, other)) { read ||= o.read; write ||= o.write; }
    }
    // inside the working directory: reachable by its relative and its absolute name
    const rel = relative(cwd, abs);
    const names = rel === '' ? ['.', abs] : !rel.startsWith('..') && !isAbsolute(rel) ? [rel, abs] : [abs];
    return [...new Set(names)].map(guestPath => ({ guestPath, hostPath: abs, read, write }));
  });
}

/**
 * The name of the variable that tells the runtime which environment names were granted (`*` for
 * all, else a comma-separated list), so that reading a withheld variable is a permission error
 * naming --allow-env instead of looking unset. The runtime hides it from the program. Without it
 * (any other WASI host) an absent variable is simply not set.
 */
export const ENV_GRANT_VAR = '__RUCHY_ALLOW_ENV';

/** the environment the program sees: only the granted names (all of them for `true`), plus the grant marker */
export function envFor(p: Permissions, env: Record<string, string | undefined> = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  out[ENV_GRANT_VAR] = p.env === true ? '*' : (p.env ?? []).join(',');
  if (p.env === undefined) return out;
  for (const [k, v] of Object.entries(env)) {
    if (k !== ENV_GRANT_VAR && v !== undefined && (p.env === true || p.env.includes(k))) out[k] = v;
  }
  return out;
}
