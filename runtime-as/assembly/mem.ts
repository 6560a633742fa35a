// Allocator: size-class free lists over a bump region that starts at the heap base given to
// rt_init and grows with memory.grow. Every block has an 8-byte prefix holding its class, so
// rt_free needs no size. Classes: 16..256 bytes in steps of 16, then powers of two.
import { rt_panic_oom } from './panic';

const NCLASSES: i32 = 48;
const FREE: usize = memory.data(NCLASSES * 4, 8);
let heapTop: usize = 0;

export function memInit(heapBase: usize): void {
  heapTop = (heapBase + 15) & ~<usize>7;
  memory.fill(FREE, 0, <usize>(NCLASSES * 4));
}

@inline export function classOf(size: usize): i32 {
  if (size <= 256) return size == 0 ? 1 : <i32>((size + 15) >> 4);
  return <i32>(32 - clz<u32>(<u32>(size - 1))) + 8;
}
@inline export function classSize(c: i32): usize {
  return c <= 16 ? <usize>c << 4 : <usize>1 << <usize>(c - 8);
}

/** usable bytes of a block returned by rt_alloc */
@inline export function blockSize(p: usize): usize {
  return classSize(load<i32>(p - 8));
}

function bump(c: i32): usize {
  const total = classSize(c) + 8;
  const b = heapTop;
  const end = b + total;
  const have = <usize>memory.size() << 16;
  if (end > have) {
    const pages = <i32>((end - have + 0xffff) >> 16);
    if (memory.grow(pages) < 0) rt_panic_oom();
  }
  heapTop = end;
  store<i32>(b, c);
  return b + 8;
}

export function rt_alloc(size: usize): usize {
  if (size > 0x40000000) rt_panic_oom();
  const c = classOf(size);
  const slot = FREE + (<usize>c << 2);
  const head = <usize>load<u32>(slot);
  if (head != 0) {
    store<u32>(slot, load<u32>(head));
    return head;
  }
  return bump(c);
}

export function rt_free(p: usize): void {
  if (p == 0) return;
  const slot = FREE + (<usize>load<i32>(p - 8) << 2);
  store<u32>(p, load<u32>(slot));
  store<u32>(slot, <u32>p);
}

export function rt_alloc_zero(size: usize): usize {
  const p = rt_alloc(size);
  memory.fill(p, 0, size);
  return p;
}

/** grows a raw buffer (old contents `used` bytes kept); frees the old one */
export function rt_realloc(p: usize, used: usize, size: usize): usize {
  if (p != 0 && blockSize(p) >= size) return p;
  const q = rt_alloc(size);
  if (p != 0) {
    memory.copy(q, p, used);
    rt_free(p);
  }
  return q;
}

/** bytes reserved by the heap so far (for tests) */
export function rt_heap_top(): usize { return heapTop; }
