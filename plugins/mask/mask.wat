;; mask — hides all but the last four characters of a string, so a card number, an API key
;; or a token pasted into a report keeps only what identifies it: "4111111111111111" becomes
;; "************1111". Written directly in WebAssembly text, to show the ABI with nothing
;; between it and the module (docs/plugins.md). Other kinds of input are an error.
;;
;; The host sends compact JSON with "input" first, so a string input starts the request as
;; {"input":"... — the plugin needs no JSON parser for it.
(module
  (memory (export "memory") 1)

  ;; Static data lives below $heap_base; intake_free ignores blocks there.
  (data (i32.const 64)
    "{\"abi\":1,\"name\":\"mask\",\"version\":\"1.0.0\",\"summary\":\"hide all but the last 4 characters of a string\"}\00")
  (data (i32.const 512) "{\"error\":\"mask takes a string\"}\00")
  (data (i32.const 576) "{\"input\":\"")
  (data (i32.const 600) "{\"output\":\"")

  (global $heap_base i32 (i32.const 4096))
  (global $top (mut i32) (i32.const 4096))
  (global $live (mut i32) (i32.const 0))

  ;; An arena: blocks are bump-allocated and the arena restarts once the host has freed
  ;; every block it was given.
  (func $alloc (export "intake_alloc") (param $size i32) (result i32)
    (local $start i32) (local $end i32) (local $have i32)
    (local.set $start (i32.and (i32.add (global.get $top) (i32.const 7)) (i32.const -8)))
    (local.set $end (i32.add (local.get $start) (local.get $size)))
    (if (i32.lt_u (local.get $end) (local.get $start)) (then (return (i32.const 0))))
    (local.set $have (i32.mul (memory.size) (i32.const 65536)))
    (if (i32.gt_u (local.get $end) (local.get $have))
      (then
        (if (i32.eq
              (memory.grow (i32.shr_u (i32.add (i32.sub (local.get $end) (local.get $have)) (i32.const 65535)) (i32.const 16)))
              (i32.const -1))
          (then (return (i32.const 0))))))
    (global.set $top (local.get $end))
    (global.set $live (i32.add (global.get $live) (i32.const 1)))
    (local.get $start))

  (func (export "intake_free") (param $block i32) (param $size i32)
    (if (i32.lt_u (local.get $block) (global.get $heap_base)) (then (return)))
    (global.set $live (i32.sub (global.get $live) (i32.const 1)))
    (if (i32.le_s (global.get $live) (i32.const 0))
      (then
        (global.set $live (i32.const 0))
        (global.set $top (global.get $heap_base)))))

  (func $strlen (param $p i32) (result i32)
    (local $n i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (i32.load8_u (i32.add (local.get $p) (local.get $n)))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $n))

  (func $result (param $p i32) (param $n i32) (result i64)
    (i64.or (i64.shl (i64.extend_i32_u (local.get $p)) (i64.const 32)) (i64.extend_i32_u (local.get $n))))

  (func (export "intake_metadata") (result i64)
    (call $result (i32.const 64) (call $strlen (i32.const 64))))

  ;; The bytes of the character at $p inside a JSON string: an escape (\n, \uXXXX) is one
  ;; character, and so is a UTF-8 sequence.
  (func $char_length (param $p i32) (result i32)
    (local $b i32)
    (local.set $b (i32.load8_u (local.get $p)))
    (if (i32.eq (local.get $b) (i32.const 92)) ;; backslash
      (then (return (select (i32.const 6) (i32.const 2)
                            (i32.eq (i32.load8_u offset=1 (local.get $p)) (i32.const 117)))))) ;; 'u'
    (if (i32.ge_u (local.get $b) (i32.const 0xF0)) (then (return (i32.const 4))))
    (if (i32.ge_u (local.get $b) (i32.const 0xE0)) (then (return (i32.const 3))))
    (if (i32.ge_u (local.get $b) (i32.const 0xC0)) (then (return (i32.const 2))))
    (i32.const 1))

  (func (export "intake_apply") (param $request i32) (param $length i32) (result i64)
    (local $i i32) (local $start i32) (local $end i32) (local $p i32) (local $count i32)
    (local $masked i32) (local $out i32) (local $o i32) (local $n i32)
    ;; the request must start with {"input":" (10 bytes)
    (if (i32.lt_u (local.get $length) (i32.const 11))
      (then (return (call $result (i32.const 512) (call $strlen (i32.const 512))))))
    (block $differs
      (loop $compare
        (br_if $differs (i32.ne (i32.load8_u (i32.add (local.get $request) (local.get $i)))
                                (i32.load8_u (i32.add (i32.const 576) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $compare (i32.lt_u (local.get $i) (i32.const 10))))
      (local.set $start (i32.add (local.get $request) (i32.const 10)))
      (local.set $end (i32.add (local.get $request) (local.get $length)))
      ;; first pass: count the characters up to the closing quote
      (local.set $p (local.get $start))
      (block $closed
        (loop $scan
          (br_if $closed (i32.ge_u (local.get $p) (local.get $end)))
          (br_if $closed (i32.eq (i32.load8_u (local.get $p)) (i32.const 34))) ;; quote
          (local.set $p (i32.add (local.get $p) (call $char_length (local.get $p))))
          (local.set $count (i32.add (local.get $count) (i32.const 1)))
          (br $scan)))
      (local.set $end (local.get $p))
      (local.set $masked (select (i32.sub (local.get $count) (i32.const 4)) (i32.const 0)
                                 (i32.gt_u (local.get $count) (i32.const 4))))
      ;; {"output":" + at most the input's bytes + "}
      (local.set $out (call $alloc (i32.add (i32.sub (local.get $end) (local.get $start)) (i32.const 16))))
      (if (i32.eqz (local.get $out)) (then (unreachable)))
      (memory.copy (local.get $out) (i32.const 600) (i32.const 11)) ;; {"output":"
      (local.set $o (i32.add (local.get $out) (i32.const 11)))
      ;; second pass: a star per hidden character, the last four copied
      (local.set $p (local.get $start))
      (local.set $i (i32.const 0))
      (block $copied
        (loop $emit
          (br_if $copied (i32.ge_u (local.get $p) (local.get $end)))
          (local.set $n (call $char_length (local.get $p)))
          (if (i32.lt_u (local.get $i) (local.get $masked))
            (then
              (i32.store8 (local.get $o) (i32.const 42))
              (local.set $o (i32.add (local.get $o) (i32.const 1))))
            (else
              (memory.copy (local.get $o) (local.get $p) (local.get $n))
              (local.set $o (i32.add (local.get $o) (local.get $n)))))
          (local.set $p (i32.add (local.get $p) (local.get $n)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $emit)))
      (i32.store16 align=1 (local.get $o) (i32.const 0x7d22)) ;; "}
      (local.set $o (i32.add (local.get $o) (i32.const 2)))
      (return (call $result (local.get $out) (i32.sub (local.get $o) (local.get $out)))))
    (call $result (i32.const 512) (call $strlen (i32.const 512))))
)
