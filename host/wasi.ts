// A WASI preview1 implementation in plain JavaScript, for hosts that have none (browsers,
// Cloudflare Workers) and for `ruchyc run` (where it enforces the permission flags).
//
// No Node APIs here: files come from directory backends the host passes in (host/fs-node.ts for
// real directories, host/fs-memory.ts for in-memory ones). Each granted directory is a preopen with
// its own read / write rights; a path is resolved inside its preopen component by component, and
// `..` that would leave it, absolute paths and (in the backends) symlinks that lead outside are
// refused with ENOTCAPABLE. `proc_exit` throws a WasiExit, which start() turns into an exit code.

export const ERRNO = {
  SUCCESS: 0, ACCES: 2, BADF: 8, EXIST: 20, INVAL: 28, IO: 29, ISDIR: 31, LOOP: 32, NOENT: 44,
  NOSYS: 52, NOTDIR: 54, NOTEMPTY: 55, PERM: 63, SPIPE: 70, NOTCAPABLE: 76,
} as const;

export const FILETYPE = { UNKNOWN: 0, CHARACTER_DEVICE: 2, DIRECTORY: 3, REGULAR_FILE: 4, SYMBOLIC_LINK: 7 } as const;

const RIGHT = {
  FD_READ: 1n << 1n, FD_SEEK: 1n << 2n, FD_WRITE: 1n << 6n, PATH_CREATE_DIRECTORY: 1n << 9n,
  PATH_CREATE_FILE: 1n << 10n, PATH_OPEN: 1n << 13n, FD_READDIR: 1n << 14n, PATH_FILESTAT_GET: 1n << 18n,
  FD_FILESTAT_GET: 1n << 21n, PATH_REMOVE_DIRECTORY: 1n << 25n, PATH_UNLINK_FILE: 1n << 26n,
};
const READ_RIGHTS = RIGHT.FD_READ | RIGHT.FD_SEEK | RIGHT.PATH_OPEN | RIGHT.FD_READDIR | RIGHT.PATH_FILESTAT_GET | RIGHT.FD_FILESTAT_GET;
const WRITE_RIGHTS = RIGHT.FD_WRITE | RIGHT.FD_SEEK | RIGHT.PATH_OPEN | RIGHT.PATH_CREATE_DIRECTORY | RIGHT.PATH_CREATE_FILE
  | RIGHT.PATH_REMOVE_DIRECTORY | RIGHT.PATH_UNLINK_FILE | RIGHT.FD_FILESTAT_GET;

export interface Stat { filetype: number; size: number; mtimeMs?: number }

/** An open file (or directory) of a backend. Positions are byte offsets. */
export interface FileHandle {
  readonly filetype: number;
  read(into: Uint8Array, position: number): number;
  write(data: Uint8Array, position: number): number;
  size(): number;
  close(): void;
}

export interface OpenFlags { read: boolean; write: boolean; create: boolean; exclusive: boolean; truncate: boolean; directory: boolean }

/**
 * A granted directory. `rel` is a path inside it as components, already free of `.` and `..`;
 * a backend refuses (ENOTCAPABLE) anything that would lead outside its root (symlinks).
 * Errors are returned as WASI errno numbers.
 */
export interface DirBackend {
  open(rel: string[], flags: OpenFlags): FileHandle | number;
  stat(rel: string[]): Stat | number;
  mkdir(rel: string[]): number;
  unlink(rel: string[]): number;
  rmdir(rel: string[]): number;
}

export interface Preopen {
  /** the name the program sees (`.`, `data`, `/srv/files`) */
  guestPath: string;
  dir: DirBackend;
  read: boolean;
  write: boolean;
}

export interface WasiOptions {
  args?: string[];
  env?: Record<string, string>;
  preopens?: Preopen[];
  /** receives what the program writes to fd 1 / fd 2 */
  stdout?: (bytes: Uint8Array) => void;
  stderr?: (bytes: Uint8Array) => void;
  /** returns the next chunk of stdin, or null at end of input */
  stdin?: () => Uint8Array | null;
  /** realtime clock in nanoseconds since the epoch */
  now?: () => bigint;
  /** monotonic clock in nanoseconds */
  monotonic?: () => bigint;
  /** fills the buffer with random bytes */
  randomFill?: (buf: Uint8Array) => void;
}

export class WasiExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
    this.name = 'WasiExit';
  }
}

type Fd =
  | { kind: 'stdin' }
  | { kind: 'out'; sink: (b: Uint8Array) => void }
  | { kind: 'preopen'; pre: Preopen; rel: string[] }
  | { kind: 'file'; pre: Preopen; rel: string[]; handle: FileHandle; pos: number; append: boolean; read: boolean; write: boolean };

const enc = new TextEncoder();
const dec = new TextDecoder();

/** `a/./b/../c` -> [a, c] within a root; undefined when `..` would leave the root */
export function resolveInside(base: string[], path: string): string[] | undefined {
  if (path.startsWith('/')) return undefined;
  const out = [...base];
  for (const c of path.split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(c);
  }
  return out;
}

export class Wasi {
  readonly imports: { wasi_snapshot_preview1: Record<string, (...a: never[]) => number | void> };
  private memory: WebAssembly.Memory | undefined;
  private fds = new Map<number, Fd>();
  private nextFd: number;
  private args: Uint8Array[];
  private env: Uint8Array[];
  private stdinChunk: Uint8Array = new Uint8Array(0);
  private stdinEof = false;

  constructor(private opts: WasiOptions = {}) {
    this.args = (opts.args ?? []).map(a => enc.encode(a + '\0'));
    this.env = Object.entries(opts.env ?? {}).map(([k, v]) => enc.encode(`${k}=${v}\0`));
    this.fds.set(0, { kind: 'stdin' });
    this.fds.set(1, { kind: 'out', sink: opts.stdout ?? (() => {}) });
    this.fds.set(2, { kind: 'out', sink: opts.stderr ?? (() => {}) });
    let fd = 3;
    for (const pre of opts.preopens ?? []) this.fds.set(fd++, { kind: 'preopen', pre, rel: [] });
    this.nextFd = fd;
    this.imports = { wasi_snapshot_preview1: this.functions() };
  }

  /** Runs a command module's `_start`; returns its exit code (0 when it returns normally). */
  start(instance: WebAssembly.Instance): number {
    this.bind(instance);
    try {
      (instance.exports._start as () => void)();
      return 0;
    } catch (e) {
      if (e instanceof WasiExit) return e.code;
      throw e;
    }
  }

  /** Binds a library module (memory only; the caller calls its exports). */
  bind(instance: WebAssembly.Instance): void {
    this.memory = instance.exports.memory as WebAssembly.Memory;
  }

  private view(): DataView { return new DataView(this.memory!.buffer); }
  private bytes(): Uint8Array { return new Uint8Array(this.memory!.buffer); }
  private str(ptr: number, len: number): string { return dec.decode(this.bytes().subarray(ptr, ptr + len)); }

  private functions(): Record<string, (...a: never[]) => number | void> {
    const E = ERRNO;
    const self = this;
    const putList = (list: Uint8Array[], ptrs: number, buf: number): number => {
      const v = self.view(), m = self.bytes();
      for (const item of list) {
        v.setUint32(ptrs, buf, true);
        ptrs += 4;
        m.set(item, buf);
        buf += item.length;
      }
      return E.SUCCESS;
    };
    const sizes = (list: Uint8Array[], countPtr: number, sizePtr: number): number => {
      const v = self.view();
      v.setUint32(countPtr, list.length, true);
      v.setUint32(sizePtr, list.reduce((n, x) => n + x.length, 0), true);
      return E.SUCCESS;
    };
    const iovecs = (iovs: number, n: number): Uint8Array[] => {
      const v = self.view(), out: Uint8Array[] = [];
      for (let i = 0; i < n; i++) {
        const p = v.getUint32(iovs + 8 * i, true), l = v.getUint32(iovs + 8 * i + 4, true);
        out.push(new Uint8Array(self.memory!.buffer, p, l));
      }
      return out;
    };
    const fns: Record<string, (...a: any[]) => number | void> = {
      args_sizes_get: (c: number, s: number) => sizes(self.args, c, s),
      args_get: (p: number, b: number) => putList(self.args, p, b),
      environ_sizes_get: (c: number, s: number) => sizes(self.env, c, s),
      environ_get: (p: number, b: number) => putList(self.env, p, b),
      clock_res_get: (_id: number, out: number) => { self.view().setBigUint64(out, 1000n, true); return E.SUCCESS; },
      clock_time_get: (id: number, _prec: bigint, out: number) => {
        let t: bigint;
        if (id === 0) t = self.opts.now ? self.opts.now() : BigInt(Date.now()) * 1_000_000n;
        else if (id === 1) t = self.opts.monotonic ? self.opts.monotonic() : BigInt(Math.round(performance.now() * 1e6));
        else return E.INVAL;
        self.view().setBigUint64(out, t, true);
        return E.SUCCESS;
      },
      random_get: (buf: number, len: number) => {
        const target = new Uint8Array(self.memory!.buffer, buf, len);
        if (self.opts.randomFill) self.opts.randomFill(target);
        else for (let i = 0; i < len; i += 65536) crypto.getRandomValues(target.subarray(i, Math.min(len, i + 65536)));
        return E.SUCCESS;
      },
      proc_exit: (code: number) => { throw new WasiExit(code); },
      sched_yield: () => E.SUCCESS,
      fd_write: (fd: number, iovs: number, n: number, nw: number) => {
        const f = self.fds.get(fd);
        if (!f) return E.BADF;
        let total = 0;
        for (const chunk of iovecs(iovs, n)) {
          if (f.kind === 'out') { f.sink(chunk.slice()); total += chunk.length; continue; }
          if (f.kind !== 'file') return E.BADF;
          if (!f.write) return E.NOTCAPABLE;
          const pos = f.append ? f.handle.size() : f.pos;
          const w = f.handle.write(chunk, pos);
          f.pos = pos + w;
          total += w;
        }
        self.view().setUint32(nw, total, true);
        return E.SUCCESS;
      },
      fd_read: (fd: number, iovs: number, n: number, nr: number) => {
        const f = self.fds.get(fd);
        if (!f) return E.BADF;
        let total = 0;
        for (const buf of iovecs(iovs, n)) {
          let got: number;
          if (f.kind === 'stdin') got = self.readStdin(buf);
          else if (f.kind === 'file') {
            if (!f.read) return E.NOTCAPABLE;
            got = f.handle.read(buf, f.pos);
            f.pos += got;
          } else return E.BADF;
          total += got;
          if (got < buf.length) break;
        }
        self.view().setUint32(nr, total, true);
        return E.SUCCESS;
      },
      fd_close: (fd: number) => {
        const f = self.fds.get(fd);
        if (!f) return E.BADF;
        if (f.kind === 'file') f.handle.close();
        if (fd > 2 && f.kind !== 'preopen') self.fds.delete(fd);
        return E.SUCCESS;
      },
      fd_seek: (fd: number, offset: bigint, whence: number, out: number) => {
        const f = self.fds.get(fd);
        if (!f) return E.BADF;
        if (f.kind !== 'file') return E.SPIPE;
        const base = whence === 0 ? 0 : whence === 1 ? f.pos : whence === 2 ? f.handle.size() : -1;
        if (base < 0) return E.INVAL;
        const pos = base + Number(offset);
        if (pos < 0) return E.INVAL;
        f.pos = pos;
        self.view().setBigUint64(out, BigInt(pos), true);
        return E.SUCCESS;
      },
      fd_tell: (fd: number, out: number) => {
        const f = self.fds.get(fd);
        if (!f) return E.BADF;
        if (f.kind !== 'file') return E.SPIPE;
        self.view().setBigUint64(out, BigInt(f.pos), true);
        return E.SUCCESS;
      },
      fd_fdstat_get: (fd: number, out: number) => {
        const f = self.fds.get(fd);
        if (!f) return E.BADF;
        const v = self.view();
        let type: number = FILETYPE.CHARACTER_DEVICE, base = RIGHT.FD_READ | RIGHT.FD_WRITE, inh = 0n;
        if (f.kind === 'preopen') {
          type = FILETYPE.DIRECTORY;
          base = (f.pre.read ? READ_RIGHTS : 0n) | (f.pre.write ? WRITE_RIGHTS : 0n);
          inh = base;
        } else if (f.kind === 'file') {
          type = f.handle.filetype;
          base = (f.read ? READ_RIGHTS : 0n) | (f.write ? WRITE_RIGHTS : 0n);
        }
        v.setUint8(out, type);
        v.setUint16(out + 2, f.kind === 'file' && f.append ? 1 : 0, true);
        v.setBigUint64(out + 8, base, true);
        v.setBigUint64(out + 16, inh, true);
        return E.SUCCESS;
      },
      fd_fdstat_set_flags: () => E.NOSYS,
      fd_filestat_get: (fd: number, out: number) => {
        const f = self.fds.get(fd);
        if (!f) return E.BADF;
        if (f.kind === 'file') return self.putStat(out, { filetype: f.handle.filetype, size: f.handle.size() });
        if (f.kind === 'preopen') return self.putStat(out, { filetype: FILETYPE.DIRECTORY, size: 0 });
        return self.putStat(out, { filetype: FILETYPE.CHARACTER_DEVICE, size: 0 });
      },
      fd_prestat_get: (fd: number, out: number) => {
        const f = self.fds.get(fd);
        if (!f || f.kind !== 'preopen') return E.BADF;
        const v = self.view();
        v.setUint8(out, 0);
        v.setUint32(out + 4, enc.encode(f.pre.guestPath).length, true);
        return E.SUCCESS;
      },
      fd_prestat_dir_name: (fd: number, p: number, len: number) => {
        const f = self.fds.get(fd);
        if (!f || f.kind !== 'preopen') return E.BADF;
        const name = enc.encode(f.pre.guestPath);
        if (len < name.length) return E.INVAL;
        self.bytes().set(name, p);
        return E.SUCCESS;
      },
      path_open: (dirfd: number, _dirflags: number, p: number, plen: number, oflags: number, rightsBase: bigint, _inh: bigint, fdflags: number, out: number) => {
        const at = self.dirAt(dirfd, self.str(p, plen));
        if (typeof at === 'number') return at;
        const { pre, rel } = at;
        const wantsWrite = (BigInt(rightsBase) & (RIGHT.FD_WRITE)) !== 0n || (oflags & (1 | 8)) !== 0 || (fdflags & 1) !== 0;
        const wantsRead = (BigInt(rightsBase) & RIGHT.FD_READ) !== 0n || !wantsWrite;
        if ((wantsWrite && !pre.write) || (wantsRead && !pre.read)) return E.NOTCAPABLE;
        const handle = pre.dir.open(rel, {
          read: wantsRead, write: wantsWrite, create: (oflags & 1) !== 0, directory: (oflags & 2) !== 0,
          exclusive: (oflags & 4) !== 0, truncate: (oflags & 8) !== 0,
        });
        if (typeof handle === 'number') return handle;
        const fd = self.nextFd++;
        self.fds.set(fd, { kind: 'file', pre, rel, handle, pos: 0, append: (fdflags & 1) !== 0, read: wantsRead, write: wantsWrite });
        self.view().setUint32(out, fd, true);
        return E.SUCCESS;
      },
      path_filestat_get: (dirfd: number, _flags: number, p: number, plen: number, out: number) => {
        const at = self.dirAt(dirfd, self.str(p, plen));
        if (typeof at === 'number') return at;
        if (!at.pre.read) return E.NOTCAPABLE;
        const st = at.pre.dir.stat(at.rel);
        return typeof st === 'number' ? st : self.putStat(out, st);
      },
      path_create_directory: (dirfd: number, p: number, plen: number) => self.mutate(dirfd, p, plen, (d, rel) => d.mkdir(rel)),
      path_unlink_file: (dirfd: number, p: number, plen: number) => self.mutate(dirfd, p, plen, (d, rel) => d.unlink(rel)),
      path_remove_directory: (dirfd: number, p: number, plen: number) => self.mutate(dirfd, p, plen, (d, rel) => d.rmdir(rel)),
      poll_oneoff: () => E.NOSYS,
    };
    // every other preview1 function exists (instantiation needs it) and answers ENOSYS
    for (const name of ['fd_advise', 'fd_allocate', 'fd_datasync', 'fd_sync', 'fd_fdstat_set_rights', 'fd_filestat_set_size',
      'fd_filestat_set_times', 'fd_pread', 'fd_pwrite', 'fd_readdir', 'fd_renumber', 'path_filestat_set_times', 'path_link',
      'path_readlink', 'path_rename', 'path_symlink', 'proc_raise', 'sock_accept', 'sock_recv', 'sock_send', 'sock_shutdown']) {
      fns[name] = () => E.NOSYS;
    }
    return fns as Record<string, (...a: never[]) => number | void>;
  }

  /** the preopen and in-grant path that `path` names relative to directory fd `dirfd` */
  private dirAt(dirfd: number, path: string): { pre: Preopen; rel: string[] } | number {
    const d = this.fds.get(dirfd);
    if (!d) return ERRNO.BADF;
    if (d.kind !== 'preopen' && !(d.kind === 'file' && d.handle.filetype === FILETYPE.DIRECTORY)) return ERRNO.NOTDIR;
    const rel = resolveInside(d.rel, path);
    if (!rel) return ERRNO.NOTCAPABLE;
    return { pre: d.pre, rel };
  }

  private mutate(dirfd: number, p: number, plen: number, f: (d: DirBackend, rel: string[]) => number): number {
    const at = this.dirAt(dirfd, this.str(p, plen));
    if (typeof at === 'number') return at;
    if (!at.pre.write) return ERRNO.NOTCAPABLE;
    if (at.rel.length === 0) return ERRNO.NOTCAPABLE; // the grant itself
    return f(at.pre.dir, at.rel);
  }

  private putStat(out: number, st: Stat): number {
    const v = this.view();
    for (let i = 0; i < 64; i += 8) v.setBigUint64(out + i, 0n, true);
    v.setUint8(out + 16, st.filetype);
    v.setBigUint64(out + 24, 1n, true);
    v.setBigUint64(out + 32, BigInt(st.size), true);
    const t = BigInt(Math.round((st.mtimeMs ?? 0) * 1e6));
    v.setBigUint64(out + 40, t, true);
    v.setBigUint64(out + 48, t, true);
    v.setBigUint64(out + 56, t, true);
    return ERRNO.SUCCESS;
  }

  private readStdin(buf: Uint8Array): number {
    if (this.stdinChunk.length === 0 && !this.stdinEof) {
      const next = this.opts.stdin ? this.opts.stdin() : null;
      if (next === null) this.stdinEof = true;
      else this.stdinChunk = next;
    }
    const n = Math.min(buf.length, this.stdinChunk.length);
    buf.set(this.stdinChunk.subarray(0, n));
    this.stdinChunk = this.stdinChunk.subarray(n);
    return n;
  }
}
