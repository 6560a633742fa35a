// The runtime's export list (the ABI contract with the compiler; see ../ABI.md and ../methods.json).

// core: init, allocation, reference counting, objects, cells
export { rt_init, rt_obj_new, rt_obj_unique, rt_cell_new, rt_kind, rt_type_id, rt_take_i64, rt_take_f64, rt_take_bool } from './box';
export { rt_alloc, rt_free, rt_heap_top } from './mem';
export { rt_retain, rt_retain_ret, rt_release, rt_is_unique } from './rc';
// output and exit (rt_write_out / rt_write_err consume their STR)
export { rt_flush, rt_write_out, rt_write_err, rt_exit } from './io';
// boxing, Option / Result construction, ranges
export { rt_box_i64, rt_box_f64, rt_box_bool, rt_nil, rt_true, rt_false, rt_none, rt_some, rt_ok, rt_err, rt_unbox_i64, rt_unbox_f64, rt_unbox_bool, rt_range_new } from './box';
// panics
export { rt_panic, rt_panic_overflow, rt_panic_div_zero, rt_panic_index, rt_panic_stack, rt_assert, rt_abort } from './panic';
// unwrap / expect / assert_eq, option and result tests
export { rt_unwrap, rt_expect, rt_unwrap_or, rt_is_some, rt_is_none, rt_is_ok, rt_is_err, rt_assert_eq, rt_assert_ne, rt_assert_cmp } from './builtins';
// strings: construction, append, compare, index, slice
export { rt_str_new, rt_str_from_utf8, rt_str_append, rt_str_append_i64, rt_str_append_f64, rt_str_append_f64_prec, rt_str_append_bool, rt_str_concat, rt_str_eq, rt_str_cmp, rt_str_index, rt_str_slice, rt_str_repeat } from './str';
// string methods
export { rt_str_trim, rt_str_trim_start, rt_str_trim_end, rt_str_to_uppercase, rt_str_to_lowercase, rt_str_contains, rt_str_starts_with, rt_str_ends_with, rt_str_find, rt_str_index_of, rt_str_count, rt_str_replace, rt_str_substring, rt_str_char_at, rt_str_is_empty, rt_str_len, rt_str_char_count, rt_str_to_string, rt_str_split, rt_str_split_whitespace, rt_str_chars, rt_str_lines, rt_str_as_bytes, rt_str_is_numeric, rt_str_is_alphabetic, rt_str_is_alphanumeric, rt_str_is_whitespace, rt_str_is_uppercase, rt_str_is_lowercase, rt_str_reverse, rt_str_to_int, rt_str_to_float } from './str_methods';
// display
export { rt_str_append_display, rt_str_append_fdisplay, rt_display, rt_debug } from './display';
// format specs ({:>8}, {:+.2}, {:#x}, {:e}, {:?}; fill, flags, width, precision as ABI.md says)
export { rt_str_append_fmt, rt_str_append_fmt_i64, rt_str_append_fmt_f64 } from './fmtspec';
// arrays: construction, typed get / set / push, pop, slice, concat, repeat
export { rt_arr_new, rt_arr_len, rt_arr_get_i64, rt_arr_get_f64, rt_arr_get_bool, rt_arr_get_ref, rt_arr_get_dyn, rt_arr_set_i64, rt_arr_set_f64, rt_arr_set_bool, rt_arr_set_ref, rt_arr_set_dyn, rt_arr_push_i64, rt_arr_push_f64, rt_arr_push_bool, rt_arr_push_ref, rt_arr_push_dyn, rt_arr_pop, rt_arr_slice, rt_arr_repeat, rt_arr_concat } from './array';
// array methods
export { rt_arr_is_empty, rt_arr_nth, rt_arr_contains, rt_arr_index_of, rt_arr_first, rt_arr_last, rt_arr_get, rt_arr_sum_i64, rt_arr_sum_f64, rt_arr_product_i64, rt_arr_product_f64, rt_arr_sum, rt_arr_product, rt_arr_min, rt_arr_max, rt_arr_sort, rt_arr_sort_in_place, rt_arr_reverse, rt_arr_join, rt_arr_slice_m, rt_arr_take, rt_arr_skip, rt_arr_union, rt_arr_intersection, rt_arr_difference, rt_arr_unique, rt_arr_flatten, rt_arr_enumerate, rt_arr_zip, rt_arr_insert, rt_arr_remove, rt_arr_extend, rt_arr_clear } from './array_methods';
// maps
export { rt_map_new, rt_map_insert, rt_map_get, rt_map_index, rt_map_get_or_nil, rt_map_contains_key, rt_map_remove, rt_map_clear, rt_map_len, rt_map_is_empty, rt_map_keys, rt_map_values, rt_map_entries } from './map';
// comparison
export { rt_eq, rt_ne, rt_cmp } from './compare';
// dynamic operators, type names, checked int arithmetic helpers
export { rt_type_name, rt_dyn_add, rt_dyn_sub, rt_dyn_mul, rt_dyn_div, rt_dyn_rem, rt_dyn_pow, rt_dyn_neg, rt_dyn_not, rt_dyn_bitand, rt_dyn_bitor, rt_dyn_bitxor, rt_dyn_shl, rt_dyn_shr, rt_dyn_lt, rt_dyn_le, rt_dyn_gt, rt_dyn_ge, rt_dyn_truthy, rt_dyn_len, rt_dyn_index, rt_int_pow, rt_f64_pow, rt_f64_rem } from './dyn';
// methods on dyn receivers (generated: rt_dm_<method>)
export * from './dyn_methods';
// ranges: slicing with a range value, rev / step_by / contains / is_empty; pop as an Option
export { rt_arr_slice_range, rt_str_slice_range, rt_dyn_slice_range, rt_range_rev, rt_range_step_by, rt_range_contains, rt_range_is_empty, rt_range_first, rt_range_last, rt_range_step, rt_arr_pop_opt } from './range';
// builtins: conversions, math, range(), iteration
export { rt_range_to_array, rt_iter_array, rt_str_of, rt_i64_to_str, rt_f64_to_str, rt_bool_to_str, rt_int_of, rt_float_of, rt_parse_int, rt_parse_float, rt_abs_i64, rt_abs_f64, rt_min_i64, rt_max_i64, rt_min_f64, rt_max_f64, rt_sqrt_f64, rt_floor_f64, rt_ceil_f64, rt_round_f64, rt_floor_int, rt_ceil_int, rt_round_int, rt_f64_to_int, rt_i64_to_f64, rt_pow_f64, rt_int_pow_m, rt_dyn_min, rt_dyn_max, rt_dyn_abs, rt_dyn_pow_fn, rt_i64_id, rt_f64_id } from './builtins';
// field access by name on dyn values, tuple fields on dyn, unique receivers of mutating methods
export { rt_dyn_field, rt_dyn_set_field, rt_obj_unique_any, rt_dyn_tuple_field } from './fields';
// hosts (host_api.ts): system builtins over WASI (args, env, clock, random, stdin, granted files)
export { rt_sys_args, rt_sys_env_var, rt_sys_timestamp, rt_sys_monotonic_ns, rt_sys_random, rt_sys_random_int, rt_sys_input, rt_sys_input_prompt, rt_sys_read_stdin, rt_sys_read_file, rt_sys_fs_read, rt_sys_fs_write, rt_sys_write_file, rt_sys_append_file, rt_sys_fs_exists } from './host_api';
// hosts (host_api.ts): value marshalling for the JS glue of library targets
export { rt_host_alloc, rt_host_free, rt_host_str_alloc, rt_host_str_done, rt_host_box_int, rt_host_box_float, rt_host_box_bool, rt_host_nil, rt_host_true, rt_host_false, rt_host_none, rt_host_some, rt_host_ok, rt_host_err, rt_host_arr_alloc, rt_host_obj_new, rt_host_desc, rt_host_map_new, rt_host_map_insert, rt_host_map_entries } from './host_api';
