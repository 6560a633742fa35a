(func $fib#0 (param $0 i64) (result i64)
  (local $1 i64)
  (global.set $__depth
   (i32.add
    (global.get $__depth)
    (i32.const 1)
   )
  )
  (if
   (i32.gt_u
    (global.get $__depth)
    (i32.const 200000)
   )
   (then
    (call $runtime-as/assembly/panic/rt_panic
     (call $runtime-as/assembly/str/appendLit
      (call $runtime-as/assembly/str/rt_str_new
       (i32.shr_u
        (i32.load
         (i32.const 81756)
        )
        (i32.const 1)
       )
      )
      (i32.const 81760)
     )
     (i32.const 1)
    )
   )
  )
  (if
   (i64.ge_s
    (local.get $0)
    (i64.const 2)
   )
   (then
    (if
     (i64.eq
      (local.get $0)
      (i64.const -9223372036854775808)
     )
     (then
      (call $runtime-as/assembly/panic/rt_panic_overflow)
     )
    )
    (if
     (i64.lt_s
      (i64.and
       (i64.xor
        (local.tee $1
         (call $fib#0
          (i64.sub
           (local.get $0)
           (i64.const 1)
          )
         )
        )
        (block (result i64)
         (if
          (i64.lt_s
           (local.get $0)
           (i64.const -9223372036854775806)
          )
          (then
           (call $runtime-as/assembly/panic/rt_panic_overflow)
          )
         )
         (local.tee $1
          (i64.add
           (local.tee $0
            (call $fib#0
             (i64.sub
              (local.get $0)
              (i64.const 2)
             )
            )
           )
           (local.get $1)
          )
         )
        )
       )
       (i64.xor
        (local.get $0)
        (local.get $1)
       )
      )
      (i64.const 0)
     )
     (then
      (call $runtime-as/assembly/panic/rt_panic_overflow)
     )
    )
    (local.set $0
     (local.get $1)
    )
   )
  )
  (global.set $__depth
   (i32.sub
    (global.get $__depth)
    (i32.const 1)
   )
  )
  (local.get $0)
 )
