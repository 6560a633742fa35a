// Test-only entry: exposes the number <-> text functions (and memory) for tests/numfmt.test.mjs.
export { fmt_i64, fmt_f64, fmt_f64_prec, fmt_f64_len_bound } from '../assembly/numfmt';
export { parse_i64, parse_i64_trim, parse_f64 } from '../assembly/numparse';
