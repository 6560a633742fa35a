// A granted directory of the real file system (Node), for host/wasi.ts. Every access resolves the
// path's symlinks first and refuses (ENOTCAPABLE) a target outside the granted directory, so a
// symlink inside a grant cannot lead a program out of it.
import * as fs from 'node:fs';
import { join, dirname, sep } from 'node:path';
import { ERRNO, FILETYPE, type DirBackend, type FileHandle, type OpenFlags, type Stat } from './wasi.ts';

export function errnoOf(e: unknown): number {
  switch ((e as NodeJS.ErrnoException)?.code) {
    case 'ENOENT': return ERRNO.NOENT;
    case 'EEXIST': return ERRNO.EXIST;
    case 'EISDIR': return ERRNO.ISDIR;
    case 'ENOTDIR': return ERRNO.NOTDIR;
    case 'ENOTEMPTY': return ERRNO.NOTEMPTY;
    case 'EACCES': return ERRNO.ACCES;
    case 'EPERM': return ERRNO.PERM;
    case 'ELOOP': return ERRNO.LOOP;
    default: return ERRNO.IO;
  }
}

const filetypeOf = (s: fs.Stats): number =>
  s.isDirectory() ? FILETYPE.DIRECTORY : s.isFile() ? FILETYPE.REGULAR_FILE : s.isSymbolicLink() ? FILETYPE.SYMBOLIC_LINK : FILETYPE.UNKNOWN;

export class NodeDir implements DirBackend {
  /** the granted directory with its own symlinks resolved */
  readonly root: string;

  constructor(hostPath: string) {
    this.root = fs.realpathSync(hostPath);
  }

  private inside(real: string): boolean {
    return real === this.root || real.startsWith(this.root.endsWith(sep) ? this.root : this.root + sep);
  }

  /**
   * The real host path of `rel`, with symlinks resolved, or an errno: ENOTCAPABLE when it leads
   * outside the grant. A path that does not exist yet is checked through its parent directory; a
   * dangling symlink is refused (creating through it would write wherever it points).
   */
  private real(rel: string[]): string | number {
    const p = join(this.root, ...rel);
    try {
      const r = fs.realpathSync(p);
      return this.inside(r) ? r : ERRNO.NOTCAPABLE;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return errnoOf(e);
    }
    try {
      fs.lstatSync(p);
      return ERRNO.NOTCAPABLE; // exists as a link whose target does not
    } catch { /* does not exist at all */ }
    if (rel.length === 0) return ERRNO.NOENT;
    try {
      const parent = fs.realpathSync(dirname(p));
      if (!this.inside(parent)) return ERRNO.NOTCAPABLE;
      return join(parent, rel[rel.length - 1]);
    } catch (e) {
      return errnoOf(e);
    }
  }

  open(rel: string[], f: OpenFlags): FileHandle | number {
    const p = this.real(rel);
    if (typeof p === 'number') return p;
    let flags = f.write ? (f.read ? fs.constants.O_RDWR : fs.constants.O_WRONLY) : fs.constants.O_RDONLY;
    if (f.create) flags |= fs.constants.O_CREAT;
    if (f.exclusive) flags |= fs.constants.O_EXCL;
    if (f.truncate) flags |= fs.constants.O_TRUNC;
    // the path is resolved: a symlink swapped in after the check is not followed
    flags |= fs.constants.O_NOFOLLOW;
    if (f.directory) flags |= fs.constants.O_DIRECTORY;
    let fd: number;
    try {
      fd = fs.openSync(p, flags, 0o644);
    } catch (e) {
      return errnoOf(e);
    }
    let st: fs.Stats;
    try { st = fs.fstatSync(fd); } catch (e) { fs.closeSync(fd); return errnoOf(e); }
    const filetype = filetypeOf(st);
    if (filetype === FILETYPE.DIRECTORY && !f.directory) {
      // directories are opened only to be used as directories
      fs.closeSync(fd);
      return ERRNO.ISDIR;
    }
    let closed = false;
    return {
      filetype,
      read: (into, position) => fs.readSync(fd, into, 0, into.length, position),
      write: (data, position) => fs.writeSync(fd, data, 0, data.length, position),
      size: () => fs.fstatSync(fd).size,
      close: () => { if (!closed) { closed = true; fs.closeSync(fd); } },
    };
  }

  stat(rel: string[]): Stat | number {
    const p = this.real(rel);
    if (typeof p === 'number') return p;
    try {
      const s = fs.statSync(p);
      return { filetype: filetypeOf(s), size: s.size, mtimeMs: s.mtimeMs };
    } catch (e) {
      return errnoOf(e);
    }
  }

  mkdir(rel: string[]): number { return this.op(rel, p => fs.mkdirSync(p)); }
  unlink(rel: string[]): number { return this.op(rel, p => fs.unlinkSync(p)); }
  rmdir(rel: string[]): number { return this.op(rel, p => fs.rmdirSync(p)); }

  private op(rel: string[], f: (p: string) => void): number {
    const p = this.real(rel);
    if (typeof p === 'number') return p;
    try { f(p); return ERRNO.SUCCESS; } catch (e) { return errnoOf(e); }
  }
}
