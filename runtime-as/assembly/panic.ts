// Panics: `FILE:LINE: panic: MSG` on stderr, exit code 3. Message builders for the common ones.
import { STR_LEN, STR_DATA, fileNameStr } from './abi';
import { rt_flush, writeFd, rt_exit } from './io';
import { rt_str_new, rt_str_append, appendLit, appendI64, rt_str_from_lit } from './str';
import { rt_str_append_display } from './display';

function writeErrLit(s: string): void {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    store<u8>(SCRATCH, <u8>s.charCodeAt(i));
    writeFd(2, SCRATCH, 1);
  }
}
const SCRATCH: usize = memory.data(32, 8);

function writeStr(s: usize): void {
  writeFd(2, s + STR_DATA, <usize>load<i32>(s, STR_LEN));
}

/** panics with a STR message (borrowed) at a source line */
export function rt_panic(msg: usize, line: i32): void {
  rt_flush();
  let h = rt_str_new(64);
  if (fileNameStr != 0) h = rt_str_append(h, fileNameStr);
  else h = appendLit(h, "<unknown>");
  h = appendLit(h, ":");
  h = appendI64(h, line);
  h = appendLit(h, ": panic: ");
  if (msg != 0) h = rt_str_append(h, msg);
  h = appendLit(h, "\n");
  writeStr(h);
  rt_exit(3);
  unreachable();
}

export function panicLit(msg: string, line: i32): void {
  rt_panic(rt_str_from_lit(msg), line);
}

export function rt_panic_overflow(line: i32): void {
  panicLit("integer overflow", line);
}

/** rem != 0: remainder */
export function rt_panic_div_zero(line: i32, rem: i32): void {
  panicLit(rem != 0 ? "remainder by zero" : "division by zero", line);
}

export function rt_panic_index(idx: i64, len: i64, line: i32): void {
  let s = rt_str_from_lit("index out of bounds: the len is ");
  s = appendI64(s, len);
  s = appendLit(s, " but the index is ");
  s = appendI64(s, idx);
  rt_panic(s, line);
}

export function rt_panic_stack(line: i32): void {
  panicLit("stack overflow", line);
}

export function rt_panic_oom(): void {
  writeErrLit("panic: out of memory\n");
  rt_exit(3);
  unreachable();
}

/** "<what> <value displayed>" panics, e.g. "key not found: plum" */
export function panicWithValue(msg: string, v: usize, line: i32): void {
  let s = rt_str_from_lit(msg);
  s = rt_str_append_display(s, v);
  rt_panic(s, line);
}

/** panics "assertion failed: MSG" when cond is 0 (MSG alone when it already says so) */
export function rt_assert(cond: i32, msg: usize, line: i32): void {
  if (cond != 0) return;
  const prefix = rt_str_from_lit("assertion failed");
  if (msg != 0 && load<i32>(msg, 8) >= 16 && memory.compare(msg + 20, prefix + 20, 16) == 0) rt_panic(msg, line);
  let s = appendLit(prefix, msg != 0 ? ": " : "");
  if (msg != 0) s = rt_str_append(s, msg);
  rt_panic(s, line);
}

/** AssemblyScript's abort (asc --use abort=...) */
export function rt_abort(msg: string | null, fileName: string | null, lineNumber: u32, columnNumber: u32): void {
  rt_flush();
  const message = changetype<usize>(msg);
  writeErrLit("runtime abort: ");
  if (message != 0) {
    const n = load<i32>(message - 4) >> 1;
    for (let i = 0; i < n; i++) {
      store<u8>(SCRATCH, <u8>load<u16>(message + (<usize>i << 1)));
      writeFd(2, SCRATCH, 1);
    }
  }
  writeErrLit("\n");
  rt_exit(3);
  unreachable();
}

