// Operators on boxed values (statically untyped code) and type names for messages.
import {
  K_NIL, K_BOOL, K_INT, K_FLOAT, K_STR, K_ARRAY, K_TUPLE, K_STRUCT, K_ENUM, K_MAP, K_CLOSURE,
  K_RANGE, K_CLASS, K_CELL, kindOf, tidOf, descOf, descName,
} from './abi';
import { rt_str_from_lit, rt_str_append, appendLit } from './str';
import { rt_panic } from './panic';

function typeNameLit(v: usize): string {
  switch (kindOf(v)) {
    case K_NIL: return "nil";
    case K_BOOL: return "bool";
    case K_INT: return "int";
    case K_FLOAT: return "float";
    case K_STR: return "str";
    case K_ARRAY: return "array";
    case K_TUPLE: return "tuple";
    case K_STRUCT: return "struct";
    case K_ENUM: return "enum";
    case K_MAP: return "map";
    case K_CLOSURE: return "function";
    case K_RANGE: return "range";
    case K_CLASS: return "class";
    case K_CELL: return "cell";
  }
  return "unknown";
}

/** the type name of a value: int, float, str, array, ... (structs / enums / classes by their name) */
export function rt_type_name(v: usize): usize {
  const k = kindOf(v);
  if (k == K_STRUCT || k == K_ENUM || k == K_CLASS) {
    const n = descName(descOf(tidOf(v)));
    if (n != 0) return rt_str_append(rt_str_from_lit(""), n);
  }
  return rt_str_from_lit(typeNameLit(v));
}

export function appendTypeName(s: usize, v: usize): usize {
  const t = rt_type_name(v);
  s = rt_str_append(s, t);
  return s;
}

export function panicWithType(msg: string, v: usize, line: i32): void {
  rt_panic(appendTypeName(rt_str_from_lit(msg), v), line);
}

/** "no method `name` on type T" */
export function panicNoMethod(name: string, v: usize, line: i32): void {
  let s = rt_str_from_lit("no method `");
  s = appendLit(s, name);
  s = appendLit(s, "` on type ");
  rt_panic(appendTypeName(s, v), line);
}
