// The runtime's side of the hosts (targets/, host/):
//  1. system builtins over WASI preview1 (`rt_sys_*`): command-line arguments, environment, clock,
//     random numbers, stdin, files. Files are reached only through the directories the host
//     preopened (its grants): a path no preopen covers is refused with a message naming the
//     `ruchyc run` flag that would grant it.
//  2. value marshalling for the JS glue of library targets (`rt_host_*`): build and read boxed
//     values in the layouts of ../ABI.md. The glue reads strings, arrays and slots directly from
//     memory; these functions cover what needs the allocator or the descriptor table.
import { EK_REF, T_OK, T_ERR, STR_LEN, STR_NCHARS, STR_DATA, ARR_DATA, descOf, descNFields, esize } from './abi';
import { rt_alloc, rt_free } from './mem';
import { rt_release } from './rc';
import { rt_flush } from './io';
import { rt_box_i64, rt_box_f64, rt_box_bool, rt_nil, rt_none, rt_some, rt_ok, rt_err, rt_obj_new, wrap1, rt_true, rt_false } from './box';
import { rt_str_new, rt_str_from_utf8, rt_str_from_lit, appendLit, rt_str_append, utf8Count, slen, sdata } from './str';
import { rt_arr_new, pushOwned, setAlen } from './array';
import { rt_map_new, rt_map_insert, rt_map_entries } from './map';
import { rt_panic } from './panic';

// ---------------------------------------------------------------------------------------------
// WASI imports (only those a program uses survive Binaryen's dead-import removal)

@external("wasi_snapshot_preview1", "args_sizes_get")
declare function args_sizes_get(argc: usize, bufSize: usize): i32;
@external("wasi_snapshot_preview1", "args_get")
declare function args_get(argv: usize, buf: usize): i32;
@external("wasi_snapshot_preview1", "environ_sizes_get")
declare function environ_sizes_get(count: usize, bufSize: usize): i32;
@external("wasi_snapshot_preview1", "environ_get")
declare function environ_get(environ: usize, buf: usize): i32;
@external("wasi_snapshot_preview1", "clock_time_get")
declare function clock_time_get(id: i32, precision: i64, out: usize): i32;
@external("wasi_snapshot_preview1", "random_get")
declare function random_get(buf: usize, len: usize): i32;
@external("wasi_snapshot_preview1", "fd_read")
declare function fd_read(fd: i32, iovs: usize, iovsLen: i32, nread: usize): i32;
@external("wasi_snapshot_preview1", "fd_write")
declare function fd_write(fd: i32, iovs: usize, iovsLen: i32, nwritten: usize): i32;
@external("wasi_snapshot_preview1", "fd_close")
declare function fd_close(fd: i32): i32;
@external("wasi_snapshot_preview1", "fd_prestat_get")
declare function fd_prestat_get(fd: i32, buf: usize): i32;
@external("wasi_snapshot_preview1", "fd_prestat_dir_name")
declare function fd_prestat_dir_name(fd: i32, path: usize, len: usize): i32;
@external("wasi_snapshot_preview1", "path_open")
declare function path_open(fd: i32, dirflags: i32, path: usize, pathLen: usize, oflags: i32, rightsBase: i64, rightsInheriting: i64, fdflags: i32, fdOut: usize): i32;
@external("wasi_snapshot_preview1", "path_filestat_get")
declare function path_filestat_get(fd: i32, flags: i32, path: usize, pathLen: usize, out: usize): i32;

// errno values (WASI preview1)
const E_ACCES: i32 = 2;
const E_BADF: i32 = 8;
const E_EXIST: i32 = 20;
const E_ISDIR: i32 = 31;
const E_LOOP: i32 = 32;
const E_NOENT: i32 = 44;
const E_NOTDIR: i32 = 54;
const E_PERM: i32 = 63;
const E_NOTCAPABLE: i32 = 76;

// rights
const R_FD_READ: i64 = 1 << 1;
const R_FD_SEEK: i64 = 1 << 2;
const R_FD_WRITE: i64 = 1 << 6;
const R_FD_FILESTAT_GET: i64 = 1 << 21;
// oflags / fdflags / lookupflags
const O_CREAT: i32 = 1;
const O_TRUNC: i32 = 8;
const FDFLAG_APPEND: i32 = 1;
const LOOKUP_SYMLINK_FOLLOW: i32 = 1;

const SCRATCH: usize = memory.data(64, 8);

// ---------------------------------------------------------------------------------------------
// arguments, environment, clock, random

/** the program's command-line arguments (argv[0] first) as an array of strings */
export function rt_sys_args(): usize {
  if (args_sizes_get(SCRATCH, SCRATCH + 4) != 0) return rt_arr_new(EK_REF, 0);
  const argc = <i32>load<u32>(SCRATCH);
  const size = <usize>load<u32>(SCRATCH, 4);
  const ptrs = rt_alloc(<usize>argc * 4 + 4);
  const buf = rt_alloc(size + 1);
  let a = rt_arr_new(EK_REF, argc);
  if (args_get(ptrs, buf) == 0) {
    for (let i = 0; i < argc; i++) {
      const p = <usize>load<u32>(ptrs + (<usize>i << 2));
      a = pushOwned(a, rt_str_from_utf8(p, cstrLen(p)));
    }
  }
  rt_free(ptrs);
  rt_free(buf);
  return a;
}

function cstrLen(p: usize): i32 {
  let n = 0;
  while (load<u8>(p + <usize>n) != 0) n++;
  return n;
}

/** the variable through which `ruchyc run` tells which names were granted (host/permissions.ts) */
const ENV_GRANT_VAR = "__RUCHY_ALLOW_ENV";

/**
 * Ok(value) of environment variable `name` (STR, borrowed), or Err: "NotFound" when it is not set,
 * or a permission error naming --allow-env when the host withheld it (only hosts that say what they
 * granted can tell the two apart; elsewhere a withheld variable is not set).
 */
export function rt_sys_env_var(name: usize): usize {
  const marker = rt_str_from_lit(ENV_GRANT_VAR);
  const hidden = slen(name) == slen(marker) && memory.compare(sdata(name), sdata(marker), <usize>slen(name)) == 0;
  const found = hidden ? 0 : envLookup(sdata(name), slen(name));
  if (found != 0) { rt_release(marker); return wrap1(T_OK, found); }
  const grant = envLookup(sdata(marker), slen(marker));
  rt_release(marker);
  if (grant != 0) {
    const denied = !hidden && !listHas(grant, name);
    rt_release(grant);
    if (denied) {
      let msg = rt_str_from_lit("permission denied: cannot read environment variable '");
      msg = rt_str_append(msg, name);
      msg = appendLit(msg, "' (grant access with --allow-env=");
      msg = rt_str_append(msg, name);
      msg = appendLit(msg, ")");
      return wrap1(T_ERR, msg);
    }
  }
  return wrap1(T_ERR, rt_str_from_lit("NotFound"));
}

/** whether `list` ("*" or "A,B,C") names `name` */
function listHas(list: usize, name: usize): bool {
  const ld = sdata(list), ll = slen(list), nd = sdata(name), nl = slen(name);
  if (ll == 1 && load<u8>(ld) == 0x2a) return true;
  let start = 0;
  for (let i = 0; i <= ll; i++) {
    if (i == ll || load<u8>(ld + <usize>i) == 0x2c) {
      if (i - start == nl && memory.compare(ld + <usize>start, nd, <usize>nl) == 0) return true;
      start = i + 1;
    }
  }
  return false;
}

/** the value of the environment variable named by the UTF-8 bytes at `nd` as an owned STR, or 0 when it is not set */
function envLookup(nd: usize, nlen: i32): usize {
  if (environ_sizes_get(SCRATCH, SCRATCH + 4) != 0) return 0;
  const count = <i32>load<u32>(SCRATCH);
  const size = <usize>load<u32>(SCRATCH, 4);
  const ptrs = rt_alloc(<usize>count * 4 + 4);
  const buf = rt_alloc(size + 1);
  let result: usize = 0;
  if (environ_get(ptrs, buf) == 0) {
    for (let i = 0; i < count; i++) {
      const p = <usize>load<u32>(ptrs + (<usize>i << 2));
      const len = cstrLen(p);
      if (len > nlen && load<u8>(p + <usize>nlen) == 0x3d && memory.compare(p, nd, <usize>nlen) == 0) {
        result = rt_str_from_utf8(p + <usize>nlen + 1, len - nlen - 1);
        break;
      }
    }
  }
  rt_free(ptrs);
  rt_free(buf);
  return result;
}

/** milliseconds since the Unix epoch (realtime clock) */
export function rt_sys_timestamp(): i64 {
  if (clock_time_get(0, 1000, SCRATCH) != 0) return 0;
  return <i64>(load<u64>(SCRATCH) / 1000000);
}

/** nanoseconds of the monotonic clock */
export function rt_sys_monotonic_ns(): i64 {
  if (clock_time_get(1, 1, SCRATCH) != 0) return 0;
  return load<i64>(SCRATCH);
}

/** a uniformly distributed float in [0, 1) from the host's random source */
export function rt_sys_random(): f64 {
  random_get(SCRATCH, 8);
  const bits = load<u64>(SCRATCH) >> 11; // 53 random bits
  return <f64>bits / 9007199254740992.0;
}

/** a uniformly distributed int in [lo, hi) (hi exclusive); panics when the range is empty */
export function rt_sys_random_int(lo: i64, hi: i64, line: i32): i64 {
  if (hi <= lo) rt_panic(rt_str_from_lit("random_int: empty range"), line);
  const span = <u64>(hi - lo);
  // rejection sampling for an unbiased result
  const limit = (<u64>-1) - ((<u64>-1) % span + 1) % span;
  let r: u64 = 0;
  do {
    random_get(SCRATCH, 8);
    r = load<u64>(SCRATCH);
  } while (r > limit);
  return lo + <i64>(r % span);
}

// ---------------------------------------------------------------------------------------------
// stdin

const INCAP: usize = 4096;
const INBUF: usize = memory.data(<i32>INCAP, 8);
let inPos: usize = 0;
let inLen: usize = 0;
let inEof = false;

function fillStdin(): bool {
  if (inEof) return false;
  store<u32>(SCRATCH, <u32>INBUF);
  store<u32>(SCRATCH, <u32>INCAP, 4);
  if (fd_read(0, SCRATCH, 1, SCRATCH + 8) != 0) { inEof = true; return false; }
  const n = <usize>load<u32>(SCRATCH, 8);
  if (n == 0) { inEof = true; return false; }
  inPos = 0;
  inLen = n;
  return true;
}

/** one line of stdin without its line ending ("" at end of input) */
function readLine(): usize {
  let s = rt_str_new(64);
  for (;;) {
    if (inPos >= inLen && !fillStdin()) break;
    const start = inPos;
    while (inPos < inLen && load<u8>(INBUF + inPos) != 0x0a) inPos++;
    const take = <i32>(inPos - start);
    if (take > 0) s = appendRaw(s, INBUF + start, take);
    if (inPos < inLen) { inPos++; break; } // consumed the newline
  }
  const n = slen(s);
  if (n > 0 && load<u8>(sdata(s) + <usize>(n - 1)) == 0x0d) store<i32>(s, n - 1, STR_LEN);
  store<i32>(s, utf8Count(sdata(s), slen(s)), STR_NCHARS);
  return s;
}

function appendRaw(s: usize, p: usize, len: i32): usize {
  const t = rt_str_from_utf8(p, len);
  const r = rt_str_append(s, t);
  rt_release(t);
  return r;
}

/** `input()`: reads one line from stdin */
export function rt_sys_input(): usize {
  rt_flush();
  return readLine();
}

/** `input(prompt)`: prints prompt (no newline), then reads one line from stdin */
export function rt_sys_input_prompt(prompt: usize): usize {
  rt_flush();
  writeAll(1, sdata(prompt), <usize>slen(prompt));
  return readLine();
}

/** all of stdin (what is left of it) as a string */
export function rt_sys_read_stdin(): usize {
  let s = rt_str_new(256);
  if (inPos < inLen) s = appendRaw(s, INBUF + inPos, <i32>(inLen - inPos));
  inPos = inLen;
  while (fillStdin()) {
    s = appendRaw(s, INBUF, <i32>inLen);
    inPos = inLen;
  }
  return s;
}

function writeAll(fd: i32, ptr: usize, len: usize): i32 {
  while (len > 0) {
    store<u32>(SCRATCH, <u32>ptr);
    store<u32>(SCRATCH, <u32>len, 4);
    const e = fd_write(fd, SCRATCH, 1, SCRATCH + 8);
    if (e != 0) return e;
    const n = <usize>load<u32>(SCRATCH, 8);
    if (n == 0) return E_BADF;
    ptr += n;
    len -= n;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// files, through the host's preopened directories

const MODE_READ: i32 = 0;
const MODE_WRITE: i32 = 1;
const MODE_APPEND: i32 = 2;
const MODE_STAT: i32 = 3;

// result of resolve(): the preopen fd and the path relative to it (an owned STR), or an errno
let resolvedFd: i32 = -1;
let resolvedRel: usize = 0;

/** a normalised copy of the bytes [p, p+len): `./` prefixes and repeated or trailing `/` removed */
function normalise(p: usize, len: i32): usize {
  let s = rt_str_new(len + 1);
  let i = 0;
  const abs = len > 0 && load<u8>(p) == 0x2f;
  if (abs) { s = appendLit(s, "/"); i = 1; }
  let first = true;
  while (i < len) {
    // one component
    while (i < len && load<u8>(p + <usize>i) == 0x2f) i++;
    const start = i;
    while (i < len && load<u8>(p + <usize>i) != 0x2f) i++;
    const clen = i - start;
    if (clen == 0) break;
    if (clen == 1 && load<u8>(p + <usize>start) == 0x2e) continue; // "."
    if (!first) s = appendLit(s, "/");
    s = appendRaw(s, p + <usize>start, clen);
    first = false;
  }
  if (slen(s) == 0) s = appendLit(s, ".");
  return s;
}

/** finds the preopen covering `path`; sets resolvedFd / resolvedRel; false when none does */
function resolve(path: usize): bool {
  const np = normalise(sdata(path), slen(path));
  const plen = slen(np);
  const pabs = load<u8>(sdata(np)) == 0x2f;
  let bestFd = -1, bestLen = -1, bestRel: usize = 0;
  for (let fd = 3; fd < 4096; fd++) {
    if (fd_prestat_get(fd, SCRATCH) != 0) break;
    if (load<u8>(SCRATCH) != 0) continue; // not a directory
    const nlen = <i32>load<u32>(SCRATCH, 4);
    const raw = rt_alloc(<usize>nlen + 1);
    if (fd_prestat_dir_name(fd, raw, <usize>nlen) != 0) { rt_free(raw); continue; }
    // some hosts count a trailing NUL in the name
    let rl = nlen;
    while (rl > 0 && load<u8>(raw + <usize>(rl - 1)) == 0) rl--;
    const name = normalise(raw, rl);
    rt_free(raw);
    const n = slen(name);
    const nd = sdata(name), pd = sdata(np);
    const nabs = load<u8>(nd) == 0x2f;
    let rel: usize = 0;
    if (n == 1 && load<u8>(nd) == 0x2e) {
      if (!pabs) rel = rt_str_from_utf8(pd, plen); // "." covers every relative path
    } else if (n == 1 && nabs) {
      if (pabs) rel = plen == 1 ? rt_str_from_lit(".") : rt_str_from_utf8(pd + 1, plen - 1); // "/" covers absolute paths
    } else if (nabs == pabs && plen >= n && memory.compare(nd, pd, <usize>n) == 0) {
      if (plen == n) rel = rt_str_from_lit(".");
      else if (load<u8>(pd + <usize>n) == 0x2f) rel = rt_str_from_utf8(pd + <usize>n + 1, plen - n - 1);
    }
    rt_release(name);
    if (rel != 0 && n > bestLen) {
      if (bestRel != 0) rt_release(bestRel);
      bestFd = fd; bestLen = n; bestRel = rel;
    } else if (rel != 0) rt_release(rel);
  }
  rt_release(np);
  resolvedFd = bestFd;
  resolvedRel = bestRel;
  return bestFd >= 0;
}

/** "permission denied: cannot read 'PATH' (grant it with --allow-read=DIR)" and friends */
function deniedMessage(path: usize, mode: i32): usize {
  let s = rt_str_from_lit("permission denied: cannot ");
  s = appendLit(s, mode == MODE_READ || mode == MODE_STAT ? "read '" : "write '");
  s = rt_str_append(s, path);
  s = appendLit(s, mode == MODE_READ || mode == MODE_STAT ? "' (grant access with --allow-read=DIR)" : "' (grant access with --allow-write=DIR)");
  return s;
}

function errnoText(e: i32): string {
  if (e == E_NOENT) return "no such file or directory";
  if (e == E_ISDIR) return "is a directory";
  if (e == E_NOTDIR) return "not a directory";
  if (e == E_EXIST) return "file exists";
  if (e == E_LOOP) return "too many levels of symbolic links";
  if (e == E_BADF) return "bad file descriptor";
  return "i/o error";
}

function isDenied(e: i32): bool { return e == E_NOTCAPABLE || e == E_ACCES || e == E_PERM; }

/** "cannot read 'PATH': REASON" */
function failMessage(path: usize, mode: i32, e: i32): usize {
  if (isDenied(e)) return deniedMessage(path, mode);
  let s = rt_str_from_lit(mode == MODE_READ ? "cannot read '" : "cannot write '");
  s = rt_str_append(s, path);
  s = appendLit(s, "': ");
  s = appendLit(s, errnoText(e));
  return s;
}

/** opens `path` (STR) in a mode; returns the fd (>= 0) or -errno; -E_NOTCAPABLE when no grant covers it */
function openPath(path: usize, mode: i32): i32 {
  if (!resolve(path)) return -E_NOTCAPABLE;
  const rel = resolvedRel;
  let oflags = 0, fdflags = 0;
  let rights: i64 = R_FD_READ | R_FD_SEEK | R_FD_FILESTAT_GET;
  if (mode == MODE_WRITE) { oflags = O_CREAT | O_TRUNC; rights = R_FD_WRITE | R_FD_SEEK | R_FD_FILESTAT_GET; }
  else if (mode == MODE_APPEND) { oflags = O_CREAT; fdflags = FDFLAG_APPEND; rights = R_FD_WRITE | R_FD_FILESTAT_GET; }
  const e = path_open(resolvedFd, LOOKUP_SYMLINK_FOLLOW, sdata(rel), <usize>slen(rel), oflags, rights, 0, fdflags, SCRATCH + 32);
  rt_release(rel);
  if (e != 0) return -e;
  return <i32>load<u32>(SCRATCH, 32);
}

/** reads the whole file; returns an owned STR, or 0 with the errno in lastErr */
let lastErr: i32 = 0;
function readAll(path: usize): usize {
  const fd = openPath(path, MODE_READ);
  if (fd < 0) { lastErr = -fd; return 0; }
  let cap: usize = 4096;
  let buf = rt_alloc(cap);
  let len: usize = 0;
  for (;;) {
    if (len == cap) {
      const nb = rt_alloc(cap * 2);
      memory.copy(nb, buf, len);
      rt_free(buf);
      buf = nb;
      cap *= 2;
    }
    store<u32>(SCRATCH, <u32>(buf + len));
    store<u32>(SCRATCH, <u32>(cap - len), 4);
    const e = fd_read(fd, SCRATCH, 1, SCRATCH + 8);
    if (e != 0) { fd_close(fd); rt_free(buf); lastErr = e; return 0; }
    const n = <usize>load<u32>(SCRATCH, 8);
    if (n == 0) break;
    len += n;
  }
  fd_close(fd);
  const s = rt_str_from_utf8(buf, <i32>len);
  rt_free(buf);
  return s;
}

function writeFile(path: usize, content: usize, mode: i32): i32 {
  const fd = openPath(path, mode);
  if (fd < 0) return -fd;
  const e = writeAll(fd, sdata(content), <usize>slen(content));
  fd_close(fd);
  return e;
}

/** `read_file(path)`: the file's contents; panics when it cannot be read */
export function rt_sys_read_file(path: usize, line: i32): usize {
  const s = readAll(path);
  if (s == 0) rt_panic(failMessage(path, MODE_READ, lastErr), line);
  return s;
}

/** `fs_read(path)`: Ok(contents) or Err(message) */
export function rt_sys_fs_read(path: usize): usize {
  const s = readAll(path);
  if (s == 0) return wrap1(T_ERR, failMessage(path, MODE_READ, lastErr));
  return wrap1(T_OK, s);
}

/** `fs_write(path, content)`: Ok(nil) or Err(message); creates or truncates the file */
export function rt_sys_fs_write(path: usize, content: usize): usize {
  const e = writeFile(path, content, MODE_WRITE);
  if (e != 0) return wrap1(T_ERR, failMessage(path, MODE_WRITE, e));
  return wrap1(T_OK, rt_nil());
}

/** `write_file(path, content)`: creates or truncates the file; panics when it cannot be written */
export function rt_sys_write_file(path: usize, content: usize, line: i32): void {
  const e = writeFile(path, content, MODE_WRITE);
  if (e != 0) rt_panic(failMessage(path, MODE_WRITE, e), line);
}

/** `append_file(path, content)`: appends (creating the file); panics when it cannot be written */
export function rt_sys_append_file(path: usize, content: usize, line: i32): void {
  const e = writeFile(path, content, MODE_APPEND);
  if (e != 0) rt_panic(failMessage(path, MODE_APPEND, e), line);
}

/** `fs_exists(path)`: whether the path exists and is inside a grant */
export function rt_sys_fs_exists(path: usize): i32 {
  if (!resolve(path)) return 0;
  const rel = resolvedRel;
  const e = path_filestat_get(resolvedFd, LOOKUP_SYMLINK_FOLLOW, sdata(rel), <usize>slen(rel), SCRATCH);
  rt_release(rel);
  return e == 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// marshalling for the JS glue (library targets). Ownership as everywhere: results are owned (+1);
// arguments borrowed unless the comment says consumed.

export function rt_host_alloc(size: usize): usize { return rt_alloc(size); }
export function rt_host_free(p: usize): void { rt_free(p); }

/** a STR with room for len bytes, its length set to len: the caller writes the UTF-8 bytes at
 *  +20 and then calls rt_host_str_done */
export function rt_host_str_alloc(len: i32): usize {
  const s = rt_str_new(len);
  store<i32>(s, len, STR_LEN);
  return s;
}
/** counts the code points of a STR filled by the host */
export function rt_host_str_done(s: usize): usize {
  store<i32>(s, utf8Count(s + STR_DATA, load<i32>(s, STR_LEN)), STR_NCHARS);
  return s;
}

export function rt_host_box_int(v: i64): usize { return rt_box_i64(v); }
export function rt_host_box_float(v: f64): usize { return rt_box_f64(v); }
export function rt_host_box_bool(b: i32): usize { return rt_box_bool(b); }
export function rt_host_nil(): usize { return rt_nil(); }
export function rt_host_true(): usize { return rt_true(); }
export function rt_host_false(): usize { return rt_false(); }
export function rt_host_none(): usize { return rt_none(); }
/** Some(v) / Ok(v) / Err(v), v borrowed */
export function rt_host_some(v: usize): usize { return rt_some(v); }
export function rt_host_ok(v: usize): usize { return rt_ok(v); }
export function rt_host_err(v: usize): usize { return rt_err(v); }

/** an array of element kind ek with len elements, zeroed (the host fills the data buffer at +16;
 *  EK_REF elements it stores there are owned by the array) */
export function rt_host_arr_alloc(ek: i32, len: i32): usize {
  const a = rt_arr_new(ek, len);
  if (len > 0) memory.fill(<usize>load<u32>(a, ARR_DATA), 0, <usize>len * esize(ek));
  setAlen(a, len);
  return a;
}

/** an object (tuple/struct/enum/class) of a typeId, slots zeroed; the host fills the slots
 *  (SK_REF slots it stores are owned by the object) */
export function rt_host_obj_new(kind: i32, typeId: i32): usize {
  return rt_obj_new(kind, typeId, descNFields(descOf(typeId)));
}

/** the descriptor pointer of a typeId (layout in ABI.md) */
export function rt_host_desc(typeId: i32): usize { return descOf(typeId); }

export function rt_host_map_new(): usize { return rt_map_new(); }
/** inserts k -> v (both borrowed); consumes m and returns it */
export function rt_host_map_insert(m: usize, k: usize, v: usize): usize { return rt_map_insert(m, k, v); }
/** the entries of a map as an array of (key, value) pairs */
export function rt_host_map_entries(m: usize): usize { return rt_map_entries(m); }
