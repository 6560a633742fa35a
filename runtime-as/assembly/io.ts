// Output: buffered stdout, unbuffered stderr, via WASI fd_write; process exit.
import { STR_LEN, STR_DATA } from './abi';
import { rt_release } from './rc';

@external("wasi_snapshot_preview1", "fd_write")
declare function fd_write(fd: i32, iovs: usize, iovsLen: i32, nwritten: usize): i32;
@external("wasi_snapshot_preview1", "proc_exit")
declare function proc_exit(code: i32): void;

const OUTCAP: usize = 65536;
const OUTBUF: usize = memory.data(<i32>OUTCAP, 8);
const IOV: usize = memory.data(16, 8);
let outLen: usize = 0;

export function writeFd(fd: i32, ptr: usize, len: usize): void {
  while (len > 0) {
    store<u32>(IOV, <u32>ptr);
    store<u32>(IOV, <u32>len, 4);
    if (fd_write(fd, IOV, 1, IOV + 8) != 0) return;
    const n = <usize>load<u32>(IOV, 8);
    if (n == 0) return;
    ptr += n;
    len -= n;
  }
}

export function rt_flush(): void {
  if (outLen > 0) {
    writeFd(1, OUTBUF, outLen);
    outLen = 0;
  }
}

export function outBytes(ptr: usize, len: usize): void {
  if (outLen + len > OUTCAP) {
    rt_flush();
    if (len > OUTCAP) {
      writeFd(1, ptr, len);
      return;
    }
  }
  memory.copy(OUTBUF + outLen, ptr, len);
  outLen += len;
}

/** print a STR to stdout (buffered); consumes s */
export function rt_write_out(s: usize): void {
  outBytes(s + STR_DATA, <usize>load<i32>(s, STR_LEN));
  rt_release(s);
}

/** print a STR to stderr (stdout flushed first); consumes s */
export function rt_write_err(s: usize): void {
  rt_flush();
  writeFd(2, s + STR_DATA, <usize>load<i32>(s, STR_LEN));
  rt_release(s);
}

export function rt_exit(code: i32): void {
  rt_flush();
  proc_exit(code);
}
