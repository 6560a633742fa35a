// The thread that runs a WASI command for `ruchyc run` (host/node-wasi.ts starts it with a big
// stack), on the JS WASI of host/wasi.ts: stdout / stderr / stdin are this process's fds, files are
// only the granted directories (host/fs-node.ts), the environment only the granted names.
import { workerData, parentPort } from 'node:worker_threads';
import * as fs from 'node:fs';
import { Wasi } from './wasi.ts';
import { NodeDir } from './fs-node.ts';
import type { PreopenSpec } from './permissions.ts';

interface Job { module: WebAssembly.Module; args: string[]; env: Record<string, string>; preopens: PreopenSpec[] }

function writeAll(fd: number, b: Uint8Array): void {
  let off = 0;
  while (off < b.length) {
    try {
      off += fs.writeSync(fd, b, off, b.length - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5); continue; }
      if ((e as NodeJS.ErrnoException).code === 'EPIPE') return;
      throw e;
    }
  }
}

function readStdin(): Uint8Array | null {
  const buf = new Uint8Array(65536);
  for (;;) {
    try {
      const n = fs.readSync(0, buf, 0, buf.length, null);
      return n === 0 ? null : buf.subarray(0, n);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5); continue; }
      if (code === 'EOF') return null;
      return null;
    }
  }
}

const job = workerData as Job;
let instance: WebAssembly.Instance | undefined;
try {
  const wasi = new Wasi({
    args: job.args,
    env: job.env,
    preopens: job.preopens.map(p => ({ guestPath: p.guestPath, dir: new NodeDir(p.hostPath), read: p.read, write: p.write })),
    stdout: b => writeAll(1, b),
    stderr: b => writeAll(2, b),
    stdin: readStdin,
  });
  instance = new WebAssembly.Instance(job.module, wasi.imports as unknown as WebAssembly.Imports);
  let code: number;
  try {
    code = wasi.start(instance);
  } catch (e) {
    // the runtime buffers stdout: keep what the program printed before the trap
    try { (instance.exports.rt_flush as (() => void) | undefined)?.(); } catch { /* nothing more to keep */ }
    const err = e as Error;
    parentPort!.postMessage({ kind: 'trap', name: String(err?.name), message: String(err?.message), stack: String(err?.stack) });
    code = -1;
  }
  if (code >= 0) parentPort!.postMessage({ kind: 'exit', code });
} catch (e) {
  parentPort!.postMessage({ kind: 'error', message: String((e as Error)?.message ?? e) });
}
