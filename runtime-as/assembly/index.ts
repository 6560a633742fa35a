// The runtime's export list (the ABI contract with the compiler; see ../ABI.md).

// core: init, allocation, reference counting, objects, cells
export { rt_init, rt_obj_new, rt_obj_unique, rt_cell_new, rt_kind, rt_type_id } from './box';
export { rt_alloc, rt_free, rt_heap_top } from './mem';
export { rt_retain, rt_retain_ret, rt_release, rt_is_unique } from './rc';
// output and exit
export { rt_flush, rt_write_out, rt_write_err, rt_exit } from './io';
// boxing
export { rt_box_i64, rt_box_f64, rt_box_bool, rt_nil, rt_true, rt_false, rt_none, rt_some, rt_ok, rt_err, rt_unbox_i64, rt_unbox_f64, rt_unbox_bool, rt_range_new } from './box';
// panics
export { rt_panic, rt_panic_overflow, rt_panic_div_zero, rt_panic_index, rt_panic_stack, rt_assert, rt_abort } from './panic';
// strings: construction, append, compare, index, slice
export { rt_str_new, rt_str_from_utf8, rt_str_append, rt_str_append_i64, rt_str_append_f64, rt_str_append_f64_prec, rt_str_append_bool, rt_str_concat, rt_str_eq, rt_str_cmp, rt_str_index, rt_str_slice, rt_str_repeat } from './str';
// display
export { rt_str_append_display, rt_str_append_fdisplay, rt_display, rt_debug } from './display';
// arrays: construction, typed get / set / push, pop, slice, concat, repeat
export { rt_arr_new, rt_arr_len, rt_arr_get_i64, rt_arr_get_f64, rt_arr_get_bool, rt_arr_get_ref, rt_arr_get_dyn, rt_arr_set_i64, rt_arr_set_f64, rt_arr_set_bool, rt_arr_set_ref, rt_arr_set_dyn, rt_arr_push_i64, rt_arr_push_f64, rt_arr_push_bool, rt_arr_push_ref, rt_arr_push_dyn, rt_arr_pop, rt_arr_slice, rt_arr_repeat, rt_arr_concat } from './array';
// maps
export { rt_map_new, rt_map_insert, rt_map_get, rt_map_index, rt_map_get_or_nil, rt_map_contains_key, rt_map_remove, rt_map_clear, rt_map_len, rt_map_keys, rt_map_values, rt_map_entries } from './map';
// comparison
export { rt_eq, rt_ne, rt_cmp } from './compare';
// dynamic
export { rt_type_name } from './dyn';
// builtins
export { rt_range_to_array, rt_iter_array } from './builtins';
