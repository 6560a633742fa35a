export function parse_i64(ptr: usize, len: i32, out: usize): bool { return false; }
export function parse_f64(ptr: usize, len: i32, out: usize): bool { return false; }
