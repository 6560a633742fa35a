// Layout constants and header accessors shared by every runtime file (see ../ABI.md).

export const K_NIL: i32 = 0;
export const K_BOOL: i32 = 1;
export const K_INT: i32 = 2;
export const K_FLOAT: i32 = 3;
export const K_STR: i32 = 4;
export const K_ARRAY: i32 = 5;
export const K_TUPLE: i32 = 6;
export const K_STRUCT: i32 = 7;
export const K_ENUM: i32 = 8;
export const K_MAP: i32 = 9;
export const K_CLOSURE: i32 = 10;
export const K_RANGE: i32 = 11;
export const K_CLASS: i32 = 12;
export const K_CELL: i32 = 13;

// element kinds (arrays) and slot kinds (objects, cells) share their codes
export const EK_REF: i32 = 0;
export const EK_INT: i32 = 1;
export const EK_FLOAT: i32 = 2;
export const EK_BOOL: i32 = 3;

// reserved typeIds
export const T_NONE: i32 = 0;
export const T_SOME: i32 = 1;
export const T_OK: i32 = 2;
export const T_ERR: i32 = 3;
export const T_PAIR: i32 = 4; // 2-tuple of SK_REF slots (map entries, enumerate, zip)

// STR layout
export const STR_LEN: usize = 8;
export const STR_NCHARS: usize = 12;
export const STR_CAP: usize = 16;
export const STR_DATA: usize = 20;
// ARRAY layout
export const ARR_LEN: usize = 8;
export const ARR_CAP: usize = 12;
export const ARR_DATA: usize = 16;
export const ARR_SIZE: usize = 20;

@inline export function hdrRc(p: usize): i32 { return load<i32>(p); }
@inline export function kindOf(p: usize): i32 { return <i32>load<u8>(p, 4); }
@inline export function auxOf(p: usize): i32 { return <i32>load<u8>(p, 5); }
@inline export function tidOf(p: usize): i32 { return <i32>load<u16>(p, 6); }
@inline export function setHeader(p: usize, kind: i32, aux: i32, tid: i32): void {
  store<i32>(p, 1);
  store<u8>(p, <u8>kind, 4);
  store<u8>(p, <u8>aux, 5);
  store<u16>(p, <u16>tid, 6);
}

// descriptors
export let typesBase: usize = 0;
export let fileNameStr: usize = 0;
export function setTypes(t: usize, f: usize): void { typesBase = t; fileNameStr = f; }
@inline export function descOf(tid: i32): usize { return <usize>load<u32>(typesBase + (<usize>tid << 2)); }
@inline export function descKind(d: usize): i32 { return load<i32>(d); }
@inline export function descName(d: usize): usize { return <usize>load<u32>(d, 4); }
@inline export function descVariant(d: usize): usize { return <usize>load<u32>(d, 8); }
@inline export function descVariantIndex(d: usize): i32 { return load<i32>(d, 12); }
@inline export function descEnumId(d: usize): i32 { return load<i32>(d, 16); }
@inline export function descNFields(d: usize): i32 { return load<i32>(d, 20); }
@inline export function descFieldName(d: usize, i: i32): usize { return <usize>load<u32>(<usize>load<u32>(d, 24) + (<usize>i << 3)); }
@inline export function descFieldKind(d: usize, i: i32): i32 { return load<i32>(<usize>load<u32>(d, 24) + (<usize>i << 3), 4); }
@inline export function descShape(d: usize): i32 { return load<i32>(d, 28); }

@inline export function slotAddr(p: usize, i: i32): usize { return p + 8 + (<usize>i << 3); }
/** number of slots of an object (tuple/struct/enum/class) from its descriptor */
export function objNSlots(p: usize): i32 { return descNFields(descOf(tidOf(p))); }
export function objSlotKind(p: usize, i: i32): i32 { return descFieldKind(descOf(tidOf(p)), i); }

@inline export function esize(ek: i32): usize { return ek == EK_INT || ek == EK_FLOAT ? 8 : 4; }
