// Generates runtime-as/methods.json (the compiler's method table) and assembly/dyn_methods.ts (the
// `dyn` receiver class: one rt_dm_<name> per method, dispatching on the receiver's kind at run time)
// from the table below. Run: node runtime-as/gen-methods.mjs (outputs are committed).
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
const here = dirname(fileURLToPath(import.meta.url));

// name: [fn, params, ret, flags] ; flags: 'L' line, 'C' consumes, 'O' out
const M = (fn, params, ret, flags = '') => ({ fn, params, ret, ...(flags.includes('L') ? { line: true } : {}), ...(flags.includes('C') ? { consumes: true } : {}), ...(flags.includes('O') ? { out: true } : {}) });

const str = {
  len: M('rt_str_len', [], 'int'), length: M('rt_str_len', [], 'int'),
  is_empty: M('rt_str_is_empty', [], 'bool'),
  trim: M('rt_str_trim', [], 'str'), trim_start: M('rt_str_trim_start', [], 'str'), trim_end: M('rt_str_trim_end', [], 'str'),
  to_uppercase: M('rt_str_to_uppercase', [], 'str'), to_upper: M('rt_str_to_uppercase', [], 'str'),
  to_lowercase: M('rt_str_to_lowercase', [], 'str'), to_lower: M('rt_str_to_lowercase', [], 'str'),
  contains: M('rt_str_contains', ['str'], 'bool'), starts_with: M('rt_str_starts_with', ['str'], 'bool'), ends_with: M('rt_str_ends_with', ['str'], 'bool'),
  replace: M('rt_str_replace', ['str', 'str'], 'str'),
  substring: M('rt_str_substring', ['int', 'int'], 'str'),
  char_at: M('rt_str_char_at', ['int'], 'str', 'L'),
  split: M('rt_str_split', ['str'], 'arr<str>'), split_whitespace: M('rt_str_split_whitespace', [], 'arr<str>'),
  chars: M('rt_str_chars', [], 'arr<str>'), lines: M('rt_str_lines', [], 'arr<str>'),
  as_bytes: M('rt_str_as_bytes', [], 'arr<int>'), bytes: M('rt_str_as_bytes', [], 'arr<int>'),
  is_numeric: M('rt_str_is_numeric', [], 'bool'), is_digit: M('rt_str_is_numeric', [], 'bool'),
  is_alphabetic: M('rt_str_is_alphabetic', [], 'bool'), is_alphanumeric: M('rt_str_is_alphanumeric', [], 'bool'),
  is_whitespace: M('rt_str_is_whitespace', [], 'bool'),
  is_uppercase: M('rt_str_is_uppercase', [], 'bool'), is_lowercase: M('rt_str_is_lowercase', [], 'bool'),
  repeat: M('rt_str_repeat', ['int'], 'str'),
  to_int: M('rt_str_to_int', [], 'int', 'L'), parse: M('rt_str_to_int', [], 'int', 'L'),
  to_float: M('rt_str_to_float', [], 'float', 'L'),
  to_string: M('rt_str_to_string', [], 'str'), clone: M('rt_str_to_string', [], 'str'),
  find: M('rt_str_find', ['str'], 'option<int>'), index_of: M('rt_str_index_of', ['str'], 'int'),
  count: M('rt_str_count', ['str'], 'int'), char_count: M('rt_str_char_count', [], 'int'),
  reverse: M('rt_str_reverse', [], 'str'),
};
const arr = {
  len: M('rt_arr_len', [], 'int'), length: M('rt_arr_len', [], 'int'), is_empty: M('rt_arr_is_empty', [], 'bool'),
  contains: M('rt_arr_contains', ['dyn'], 'bool'), index_of: M('rt_arr_index_of', ['dyn'], 'option<int>'),
  first: M('rt_arr_first', [], 'dyn'), last: M('rt_arr_last', [], 'dyn'),
  get: M('rt_arr_get', ['int'], 'dyn'), nth: M('rt_arr_nth', ['int'], 'option<dyn>'),
  sum: M('rt_arr_sum', [], 'dyn', 'L'), product: M('rt_arr_product', [], 'dyn', 'L'),
  min: M('rt_arr_min', [], 'dyn'), max: M('rt_arr_max', [], 'dyn'),
  sort: M('rt_arr_sort', [], 'arr<elem>'), reverse: M('rt_arr_reverse', [], 'arr<elem>'),
  join: M('rt_arr_join', ['str'], 'str'),
  slice: M('rt_arr_slice_m', ['int', 'int'], 'arr<elem>'), take: M('rt_arr_take', ['int'], 'arr<elem>'), skip: M('rt_arr_skip', ['int'], 'arr<elem>'),
  concat: M('rt_arr_concat', ['arr<elem>'], 'arr<elem>'),
  union: M('rt_arr_union', ['arr<elem>'], 'arr<elem>'), intersection: M('rt_arr_intersection', ['arr<elem>'], 'arr<elem>'),
  difference: M('rt_arr_difference', ['arr<elem>'], 'arr<elem>'), unique: M('rt_arr_unique', [], 'arr<elem>'),
  flatten: M('rt_arr_flatten', [], 'arr<dyn>'),
  enumerate: M('rt_arr_enumerate', [], 'arr<tuple>'), zip: M('rt_arr_zip', ['arr'], 'arr<tuple>'),
  to_string: M('rt_display', [], 'str'), clone: M('rt_retain_ret', [], 'arr<elem>'),
  push: M('rt_arr_push_dyn', ['elem'], 'nil', 'CL'), pop: M('rt_arr_pop', [], 'dyn', 'CO'),
  insert: M('rt_arr_insert', ['int', 'elem'], 'nil', 'CL'), remove: M('rt_arr_remove', ['int'], 'dyn', 'COL'),
  extend: M('rt_arr_extend', ['arr<elem>'], 'nil', 'CL'), append: M('rt_arr_extend', ['arr<elem>'], 'nil', 'CL'),
  clear: M('rt_arr_clear', [], 'nil', 'C'), sort_in_place: M('rt_arr_sort_in_place', [], 'nil', 'C'),
  set: M('rt_arr_set_dyn', ['int', 'elem'], 'nil', 'CL'),
};
const arr_int = {
  sum: M('rt_arr_sum_i64', [], 'int', 'L'), product: M('rt_arr_product_i64', [], 'int', 'L'),
  push: M('rt_arr_push_i64', ['int'], 'nil', 'C'),
};
const arr_float = {
  sum: M('rt_arr_sum_f64', [], 'float'), product: M('rt_arr_product_f64', [], 'float'),
  push: M('rt_arr_push_f64', ['float'], 'nil', 'C'),
};
const arr_bool = { push: M('rt_arr_push_bool', ['bool'], 'nil', 'C') };
const arr_ref = { push: M('rt_arr_push_ref', ['elem'], 'nil', 'C') };
const map = {
  len: M('rt_map_len', [], 'int'), is_empty: M('rt_map_is_empty', [], 'bool'),
  get: M('rt_map_get', ['dyn'], 'option<dyn>'), contains_key: M('rt_map_contains_key', ['dyn'], 'bool'),
  keys: M('rt_map_keys', [], 'arr<dyn>'), values: M('rt_map_values', [], 'arr<dyn>'),
  entries: M('rt_map_entries', [], 'arr<tuple>'), items: M('rt_map_entries', [], 'arr<tuple>'),
  to_string: M('rt_display', [], 'str'), clone: M('rt_retain_ret', [], 'map'),
  insert: M('rt_map_insert', ['dyn', 'dyn'], 'nil', 'C'), remove: M('rt_map_remove', ['dyn'], 'option<dyn>', 'CO'),
  clear: M('rt_map_clear', [], 'nil', 'C'),
};
const int = {
  abs: M('rt_abs_i64', [], 'int', 'L'), pow: M('rt_int_pow_m', ['int'], 'int', 'L'),
  to_string: M('rt_i64_to_str', [], 'str'), min: M('rt_min_i64', ['int'], 'int'), max: M('rt_max_i64', ['int'], 'int'),
  to_float: M('rt_i64_to_f64', [], 'float'), to_int: M('rt_i64_id', [], 'int'),
};
const float = {
  abs: M('rt_abs_f64', [], 'float'), sqrt: M('rt_sqrt_f64', [], 'float'), floor: M('rt_floor_f64', [], 'float'),
  ceil: M('rt_ceil_f64', [], 'float'), round: M('rt_round_f64', [], 'float'), to_string: M('rt_f64_to_str', [], 'str'),
  to_int: M('rt_f64_to_int', [], 'int'), min: M('rt_min_f64', ['float'], 'float'), max: M('rt_max_f64', ['float'], 'float'),
  pow: M('rt_pow_f64', ['float'], 'float'), powf: M('rt_pow_f64', ['float'], 'float'), to_float: M('rt_f64_id', [], 'float'),
};
const bool = { to_string: M('rt_bool_to_str', [], 'str') };
const option = {
  unwrap: M('rt_unwrap', [], 'dyn', 'L'), expect: M('rt_expect', ['str'], 'dyn', 'L'), unwrap_or: M('rt_unwrap_or', ['dyn'], 'dyn'),
  is_some: M('rt_is_some', [], 'bool'), is_none: M('rt_is_none', [], 'bool'), to_string: M('rt_display', [], 'str'),
};
const result = {
  unwrap: M('rt_unwrap', [], 'dyn', 'L'), expect: M('rt_expect', ['str'], 'dyn', 'L'), unwrap_or: M('rt_unwrap_or', ['dyn'], 'dyn'),
  is_ok: M('rt_is_ok', [], 'bool'), is_err: M('rt_is_err', [], 'bool'), to_string: M('rt_display', [], 'str'),
};
const range = {
  to_string: M('rt_display', [], 'str'), len: M('rt_dyn_len', [], 'int', 'L'), collect: M('rt_iter_array', [], 'arr<int>', 'L'),
  rev: M('rt_range_rev', [], 'arr<int>', 'L'), step_by: M('rt_range_step_by', ['int'], 'arr<int>', 'L'),
  contains: M('rt_range_contains', ['int'], 'bool'), is_empty: M('rt_range_is_empty', [], 'bool'),
};

// receiver class -> [kind test, receiver conversion]
const KIND = { str: 'K_STR', arr: 'K_ARRAY', map: 'K_MAP', int: 'K_INT', float: 'K_FLOAT', bool: 'K_BOOL', option: 'K_ENUM', result: 'K_ENUM', range: 'K_RANGE' };
const classes = { str, arr, map, int, float, bool, option, result, range };

const conv = (p, a) => ({ int: `rt_unbox_i64(${a}, line)`, float: `rt_unbox_f64(${a}, line)`, bool: `rt_unbox_bool(${a}, line)`, str: `checkStr(${a}, line)` }[p]
  ?? (p.startsWith('arr') ? `checkArr(${a}, line)` : a));
const boxRet = (r, e) => ({ int: `rt_box_i64(${e})`, float: `rt_box_f64(${e})`, bool: `rt_box_bool(${e})` }[r] ?? e);

const dyn = {};
const names = new Set(Object.values(classes).flatMap(c => Object.keys(c)));
let ts = `// GENERATED by runtime-as/gen-methods.mjs: methods on untyped (dyn) receivers, dispatching on the
// receiver's kind; arguments and results boxed. Mutating ones consume the receiver and return it
// (results of pop / remove stored at out).
import { K_STR, K_ARRAY, K_MAP, K_INT, K_FLOAT, K_BOOL, K_ENUM, K_RANGE, kindOf } from './abi';
import { rt_box_i64, rt_box_f64, rt_box_bool, rt_nil, rt_unbox_i64, rt_unbox_f64, rt_unbox_bool } from './box';
import { panicNoMethod, panicWithType } from './dyn';
import { rt_retain_ret } from './rc';
import { rt_display } from './display';
import * as S from './str_methods';
import { rt_str_repeat } from './str';
import * as A from './array_methods';
import { rt_arr_len, rt_arr_push_dyn, rt_arr_pop, rt_arr_set_dyn, rt_arr_concat } from './array';
import * as MP from './map';
import * as B from './builtins';
import * as R from './range';
import { rt_dyn_len } from './dyn';

function checkStr(v: usize, line: i32): usize {
  if (kindOf(v) != K_STR) panicWithType("expected str, found ", v, line);
  return v;
}
function checkArr(v: usize, line: i32): usize {
  if (kindOf(v) != K_ARRAY) panicWithType("expected array, found ", v, line);
  return v;
}
`;
const nsOf = fn => fn.startsWith('rt_range_') ? 'R.' : fn.startsWith('rt_str_') && !['rt_str_repeat'].includes(fn) ? 'S.' : fn.startsWith('rt_arr_') && !['rt_arr_len', 'rt_arr_push_dyn', 'rt_arr_pop', 'rt_arr_set_dyn', 'rt_arr_concat'].includes(fn) ? 'A.' : fn.startsWith('rt_map_') ? 'MP.' : ['rt_display', 'rt_retain_ret', 'rt_str_repeat', 'rt_arr_len', 'rt_arr_push_dyn', 'rt_arr_pop', 'rt_arr_set_dyn', 'rt_arr_concat', 'rt_dyn_len'].includes(fn) ? '' : 'B.';
for (const name of [...names].sort()) {
  const impls = Object.entries(classes).filter(([, c]) => c[name]).map(([cls, c]) => [cls, c[name]]);
  const consumes = impls.some(([, m]) => m.consumes);
  const nparams = Math.max(...impls.map(([, m]) => m.params.length));
  const usable = impls.filter(([, m]) => m.params.length === nparams && !!m.consumes === consumes);
  const anyOut = usable.some(([, m]) => m.out);
  const args = Array.from({ length: nparams }, (_, i) => `a${i}: usize`);
  const fn = `rt_dm_${name}`;
  const sig = [`v: usize`, ...args, ...(anyOut ? ['out: usize'] : []), 'line: i32'].join(', ');
  ts += `\nexport function ${fn}(${sig}): usize {\n  const k = kindOf(v);\n`;
  const seen = new Set();
  for (const [cls, m] of usable) {
    const kind = KIND[cls];
    if (seen.has(kind)) continue;
    seen.add(kind);
    const recv = cls === 'int' ? 'rt_unbox_i64(v, line)' : cls === 'float' ? 'rt_unbox_f64(v, line)' : cls === 'bool' ? 'rt_unbox_bool(v, line)' : 'v';
    const callArgs = [recv, ...m.params.map((p, i) => conv(p, `a${i}`)), ...(m.out ? ['out'] : []), ...(m.line ? ['line'] : [])];
    const call = `${nsOf(m.fn)}${m.fn}(${callArgs.join(', ')})`;
    let body;
    if (m.consumes) body = m.out ? `return ${call};` : `return ${call};`;
    else if (m.ret === 'nil') body = `${call}; return rt_nil();`;
    else body = `return ${boxRet(m.ret, call)};`;
    if (anyOut && !m.out) body = `store<u32>(out, <u32>rt_nil()); ${body}`;
    ts += `  if (k == ${kind}) { ${body} }\n`;
  }
  const fallback = { to_string: 'return rt_display(v);', len: 'return rt_box_i64(rt_dyn_len(v, line));', clone: 'return rt_retain_ret(v);' }[name];
  ts += fallback ? `  ${fallback}\n}\n` : `  panicNoMethod("${name}", v, line);\n  return 0;\n}\n`;
  dyn[name] = { fn, params: Array(nparams).fill('dyn'), ret: consumes ? 'nil' : 'dyn', line: true, ...(consumes ? { consumes: true } : {}), ...(anyOut ? { out: true, ret: 'dyn' } : {}) };
}

const functions = {
  abs: [M('rt_abs_i64', ['int'], 'int', 'L'), M('rt_abs_f64', ['float'], 'float'), M('rt_dyn_abs', ['dyn'], 'dyn', 'L')],
  min: [M('rt_min_i64', ['int', 'int'], 'int'), M('rt_min_f64', ['float', 'float'], 'float'), M('rt_dyn_min', ['dyn', 'dyn'], 'dyn', 'L')],
  max: [M('rt_max_i64', ['int', 'int'], 'int'), M('rt_max_f64', ['float', 'float'], 'float'), M('rt_dyn_max', ['dyn', 'dyn'], 'dyn', 'L')],
  pow: [M('rt_int_pow_m', ['int', 'int'], 'int', 'L'), M('rt_pow_f64', ['float', 'float'], 'float'), M('rt_dyn_pow_fn', ['dyn', 'dyn'], 'dyn', 'L')],
  sqrt: [M('rt_sqrt_f64', ['float'], 'float')],
  floor: [M('rt_floor_int', ['float'], 'int')], ceil: [M('rt_ceil_int', ['float'], 'int')], round: [M('rt_round_int', ['float'], 'int')],
  len: [M('rt_str_len', ['str'], 'int'), M('rt_arr_len', ['arr'], 'int'), M('rt_map_len', ['map'], 'int'), M('rt_dyn_len', ['dyn'], 'int', 'L')],
  str: [M('rt_i64_to_str', ['int'], 'str'), M('rt_f64_to_str', ['float'], 'str'), M('rt_bool_to_str', ['bool'], 'str'), M('rt_str_of', ['dyn'], 'str')],
  int: [M('rt_f64_to_int', ['float'], 'int'), M('rt_parse_int', ['str'], 'int', 'L'), M('rt_int_of', ['dyn'], 'int', 'L')],
  float: [M('rt_i64_to_f64', ['int'], 'float'), M('rt_parse_float', ['str'], 'float', 'L'), M('rt_float_of', ['dyn'], 'float', 'L')],
  parse_int: [M('rt_parse_int', ['str'], 'int', 'L')],
  parse_float: [M('rt_parse_float', ['str'], 'float', 'L')],
  range: [M('rt_range_to_array', ['int', 'int', 'int'], 'arr<int>', 'L')],
  type_of: [M('rt_type_name', ['dyn'], 'str')],
  assert_eq: [M('rt_assert_eq', ['dyn', 'dyn'], 'nil', 'L')],
  assert_ne: [M('rt_assert_ne', ['dyn', 'dyn'], 'nil', 'L')],
  assert: [M('rt_assert', ['bool', 'str'], 'nil', 'L')],
  Some: [M('rt_some', ['dyn'], 'option<dyn>')], Ok: [M('rt_ok', ['dyn'], 'dyn')], Err: [M('rt_err', ['dyn'], 'dyn')],
  // the reference's free-function forms of array methods (new arrays; the argument is not changed)
  reverse: [M('rt_arr_reverse', ['arr'], 'arr<elem>'), M('rt_str_reverse', ['str'], 'str'), M('rt_dm_reverse', ['dyn'], 'dyn', 'L')],
  sort: [M('rt_arr_sort', ['arr'], 'arr<elem>'), M('rt_dm_sort', ['dyn'], 'dyn', 'L')],
  enumerate: [M('rt_arr_enumerate', ['arr'], 'arr<tuple>'), M('rt_dm_enumerate', ['dyn'], 'dyn', 'L')],
  zip: [M('rt_arr_zip', ['arr', 'arr'], 'arr<tuple>'), M('rt_dm_zip', ['dyn', 'dyn'], 'dyn', 'L')],
  // system builtins over WASI (host_api.ts): files go through the host's grants
  env_args: [M('rt_sys_args', [], 'arr<str>')], env_var: [M('rt_sys_env_var', ['str'], 'dyn')],
  timestamp: [M('rt_sys_timestamp', [], 'int')], random: [M('rt_sys_random', [], 'float')],
  random_int: [M('rt_sys_random_int', ['int', 'int'], 'int', 'L')],
  input: [M('rt_sys_input', [], 'str'), M('rt_sys_input_prompt', ['str'], 'str')], read_stdin: [M('rt_sys_read_stdin', [], 'str')],
  read_file: [M('rt_sys_read_file', ['str'], 'str', 'L')], fs_read: [M('rt_sys_fs_read', ['str'], 'dyn')],
  fs_write: [M('rt_sys_fs_write', ['str', 'str'], 'dyn')], write_file: [M('rt_sys_write_file', ['str', 'str'], 'nil', 'L')],
  append_file: [M('rt_sys_append_file', ['str', 'str'], 'nil', 'L')], fs_exists: [M('rt_sys_fs_exists', ['str'], 'bool')],
};

const table = {
  $comment: 'GENERATED by runtime-as/gen-methods.mjs. Receiver first (borrowed unless consumes: then the updated receiver is returned). Then params; then, when out, an i32 address where the method result (owned, boxed: dyn / option) is stored; then, when line, the i32 source line.',
  methods: { str, int, float, bool, arr, arr_int, arr_float, arr_bool, arr_ref, map, option, result, range, dyn },
  functions,
};
writeFileSync(join(here, 'methods.json'), JSON.stringify(table, null, 1) + '\n');
writeFileSync(join(here, 'assembly/dyn_methods.ts'), ts);
console.log('methods.json and assembly/dyn_methods.ts written:', names.size, 'dyn methods');
