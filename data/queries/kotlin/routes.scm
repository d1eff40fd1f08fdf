; Spring (and Micronaut) mapping annotations on functions: @GetMapping("/x"),
; @PostMapping(value = ["/x"]), @PutMapping(path = "/x"), or without arguments.

(function_declaration
  (modifiers
    (annotation
      (user_type (type_identifier) @route.method .)))
  (#any-of? @route.method
    "GetMapping" "PostMapping" "PutMapping" "PatchMapping" "DeleteMapping" "RequestMapping")) @route.node

(function_declaration
  (modifiers
    (annotation
      (constructor_invocation
        (user_type (type_identifier) @route.method .)
        (value_arguments
          .
          (value_argument
            .
            [(string_literal) @route.path
             (collection_literal . (string_literal) @route.path)]
            .)))))
  (#any-of? @route.method
    "GetMapping" "PostMapping" "PutMapping" "PatchMapping" "DeleteMapping" "RequestMapping"
    "Get" "Post" "Put" "Patch" "Delete")) @route.node

(function_declaration
  (modifiers
    (annotation
      (constructor_invocation
        (user_type (type_identifier) @route.method .)
        (value_arguments
          (value_argument
            (simple_identifier) @_key
            [(string_literal) @route.path
             (collection_literal . (string_literal) @route.path)])))))
  (#any-of? @route.method
    "GetMapping" "PostMapping" "PutMapping" "PatchMapping" "DeleteMapping" "RequestMapping"
    "Get" "Post" "Put" "Patch" "Delete")
  (#any-of? @_key "value" "path" "uri")) @route.node

; Ktor routing DSL: `get("/x") { }`, `post { }` (inside `route("/x") { }`).
(call_expression
  (call_expression
    (simple_identifier) @route.method
    (call_suffix
      (value_arguments
        .
        (value_argument . (string_literal) @route.path))))
  (call_suffix (annotated_lambda))
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "head" "options")) @route.node

(call_expression
  .
  (simple_identifier) @route.method
  .
  (call_suffix . (annotated_lambda) .)
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "head" "options")) @route.node
