// Reference counting: retain / release, recursive release by kind and descriptor.
import {
  K_STR, K_ARRAY, K_TUPLE, K_STRUCT, K_ENUM, K_CLASS, K_MAP, K_CLOSURE, K_CELL, EK_REF,
  kindOf, auxOf, ARR_LEN, ARR_DATA, objNSlots, objSlotKind, slotAddr,
} from './abi';
import { rt_free } from './mem';
import { mapDestroy } from './map';

export function rt_retain(p: usize): void {
  if (p != 0) {
    const rc = load<i32>(p);
    if (rc > 0) store<i32>(p, rc + 1);
  }
}

/** retains p and returns it (for storing a borrowed value in a second place) */
export function rt_retain_ret(p: usize): usize {
  if (p != 0) {
    const rc = load<i32>(p);
    if (rc > 0) store<i32>(p, rc + 1);
  }
  return p;
}

export function rt_release(p: usize): void {
  if (p != 0) {
    const rc = load<i32>(p);
    if (rc > 1) store<i32>(p, rc - 1);
    else if (rc == 1) destroy(p);
  }
}

export function rt_is_unique(p: usize): bool {
  return load<i32>(p) == 1;
}

function releaseSlots(p: usize): void {
  const n = objNSlots(p);
  for (let i = 0; i < n; i++) {
    if (objSlotKind(p, i) == EK_REF) rt_release(<usize>load<u32>(slotAddr(p, i)));
  }
}

function destroy(p: usize): void {
  store<i32>(p, 0);
  const k = kindOf(p);
  if (k == K_STR) {
    // no children
  } else if (k == K_ARRAY) {
    const data = <usize>load<u32>(p, ARR_DATA);
    if (auxOf(p) == EK_REF) {
      const n = load<i32>(p, ARR_LEN);
      for (let i = 0; i < n; i++) rt_release(<usize>load<u32>(data + (<usize>i << 2)));
    }
    rt_free(data);
  } else if (k == K_TUPLE || k == K_STRUCT || k == K_ENUM || k == K_CLASS) {
    releaseSlots(p);
  } else if (k == K_MAP) {
    mapDestroy(p);
  } else if (k == K_CLOSURE) {
    const n = load<i32>(p, 16);
    for (let i = 0; i < n; i++) rt_release(<usize>load<u32>(p + 20 + (<usize>i << 2)));
  } else if (k == K_CELL) {
    if (auxOf(p) == EK_REF) rt_release(<usize>load<u32>(p, 8));
  }
  rt_free(p);
}
