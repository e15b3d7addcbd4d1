;; test_loop: intake_apply never returns, to prove the work bound stops it.
;; A test fixture (Tests/HostTests/Plugin*Tests), built into .build/test-plugins/ by
;; scripts/build-plugins.sh and never shipped in mappers/plugins/.
(module
  (memory (export "memory") 1)
  (data (i32.const 64) "{\"abi\":1,\"name\":\"test_loop\",\"version\":\"0.1.0\",\"summary\":\"test fixture\",\"arguments\":{\"type\":\"object\"}}\00")
  (data (i32.const 512) "{\"output\": \"unterminated\00")

  ;; One block at 4096 for the request; results are static.
  (func (export "intake_alloc") (param $size i32) (result i32)
    (local $need i32)
    (local.set $need (i32.sub (i32.add (i32.const 4096) (local.get $size)) (i32.mul (memory.size) (i32.const 65536))))
    (if (i32.gt_s (local.get $need) (i32.const 0))
      (then (if (i32.eq (memory.grow (i32.add (i32.shr_u (local.get $need) (i32.const 16)) (i32.const 1))) (i32.const -1))
        (then (return (i32.const 0))))))
    (i32.const 4096))
  (func (export "intake_free") (param i32 i32))

  (func $strlen (param $p i32) (result i32)
    (local $n i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (i32.load8_u (i32.add (local.get $p) (local.get $n)))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $n))
  (func $result (param $p i32) (result i64)
    (i64.or (i64.shl (i64.extend_i32_u (local.get $p)) (i64.const 32)) (i64.extend_i32_u (call $strlen (local.get $p)))))
  (func (export "intake_metadata") (result i64) (call $result (i32.const 64)))

  (func (export "intake_apply") (param $request i32) (param $length i32) (result i64)
    (loop $forever (br $forever))
    (unreachable))
)
