// Test helper (not a suite): the host modules (host/*.ts) bundled with esbuild into one ESM file in
// node_modules/.cache and imported, so the suites can drive the WASI shim, the file-system
// backends and the permission logic directly.
import { build } from 'esbuild';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function loadHost() {
  const entry = `export * from ${JSON.stringify(join(root, 'host/wasi.ts'))};
export * from ${JSON.stringify(join(root, 'host/fs-node.ts'))};
export * from ${JSON.stringify(join(root, 'host/fs-memory.ts'))};
export * from ${JSON.stringify(join(root, 'host/permissions.ts'))};`;
  const r = await build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts' },
    bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'error', packages: 'external',
  });
  // inside the package, so that the external packages (yaml) resolve from its node_modules
  mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
  const dir = mkdtempSync(join(root, 'node_modules/.cache/ruchyc-host-'));
  const file = join(dir, 'host.mjs');
  writeFileSync(file, r.outputFiles[0].text);
  return import(pathToFileURL(file).href);
}
