// An in-memory granted directory for host/wasi.ts (browsers, workers, tests): files are byte
// arrays keyed by their path inside the grant; directories are implied by the files under them
// or created explicitly. There are no symlinks, so nothing can lead outside.
import { ERRNO, FILETYPE, type DirBackend, type FileHandle, type OpenFlags, type Stat } from './wasi.ts';

export class MemoryDir implements DirBackend {
  readonly files = new Map<string, Uint8Array>();
  readonly dirs = new Set<string>(['']);

  /** initial files: path inside the grant -> contents (text is stored as UTF-8) */
  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [path, data] of Object.entries(files)) {
      const key = path.split('/').filter(c => c && c !== '.').join('/');
      this.files.set(key, typeof data === 'string' ? new TextEncoder().encode(data) : data);
      this.addParents(key);
    }
  }

  /** a file's text, or undefined */
  text(path: string): string | undefined {
    const b = this.files.get(path);
    return b && new TextDecoder().decode(b);
  }

  private addParents(key: string): void {
    const parts = key.split('/');
    for (let i = 1; i < parts.length; i++) this.dirs.add(parts.slice(0, i).join('/'));
  }

  private parentExists(rel: string[]): boolean {
    return this.dirs.has(rel.slice(0, -1).join('/'));
  }

  open(rel: string[], f: OpenFlags): FileHandle | number {
    const key = rel.join('/');
    if (this.dirs.has(key)) {
      if (!f.directory) return ERRNO.ISDIR;
      return { filetype: FILETYPE.DIRECTORY, read: () => 0, write: () => 0, size: () => 0, close: () => {} };
    }
    if (f.directory) return this.files.has(key) ? ERRNO.NOTDIR : ERRNO.NOENT;
    if (!this.files.has(key)) {
      if (!f.create) return ERRNO.NOENT;
      if (!this.parentExists(rel)) return ERRNO.NOENT;
      this.files.set(key, new Uint8Array(0));
    } else if (f.create && f.exclusive) return ERRNO.EXIST;
    if (f.truncate) this.files.set(key, new Uint8Array(0));
    const files = this.files;
    return {
      filetype: FILETYPE.REGULAR_FILE,
      read(into, position) {
        const data = files.get(key) ?? new Uint8Array(0);
        const n = Math.max(0, Math.min(into.length, data.length - position));
        into.set(data.subarray(position, position + n));
        return n;
      },
      write(bytes, position) {
        const data = files.get(key) ?? new Uint8Array(0);
        const end = position + bytes.length;
        const next = end > data.length ? new Uint8Array(end) : data;
        if (next !== data) next.set(data);
        next.set(bytes, position);
        files.set(key, next);
        return bytes.length;
      },
      size: () => (files.get(key) ?? new Uint8Array(0)).length,
      close: () => {},
    };
  }

  stat(rel: string[]): Stat | number {
    const key = rel.join('/');
    if (this.dirs.has(key)) return { filetype: FILETYPE.DIRECTORY, size: 0 };
    const f = this.files.get(key);
    return f ? { filetype: FILETYPE.REGULAR_FILE, size: f.length } : ERRNO.NOENT;
  }

  mkdir(rel: string[]): number {
    const key = rel.join('/');
    if (this.dirs.has(key) || this.files.has(key)) return ERRNO.EXIST;
    if (!this.parentExists(rel)) return ERRNO.NOENT;
    this.dirs.add(key);
    return ERRNO.SUCCESS;
  }

  unlink(rel: string[]): number {
    const key = rel.join('/');
    if (this.dirs.has(key)) return ERRNO.ISDIR;
    return this.files.delete(key) ? ERRNO.SUCCESS : ERRNO.NOENT;
  }

  rmdir(rel: string[]): number {
    const key = rel.join('/');
    if (!this.dirs.has(key)) return this.files.has(key) ? ERRNO.NOTDIR : ERRNO.NOENT;
    const prefix = key + '/';
    for (const k of [...this.files.keys(), ...this.dirs]) if (k.startsWith(prefix)) return ERRNO.NOTEMPTY;
    this.dirs.delete(key);
    return ERRNO.SUCCESS;
  }
}
