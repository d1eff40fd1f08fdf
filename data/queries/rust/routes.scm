; Actix-web / Rocket / poem handler attributes: `#[get("/x")]`, `#[post("/x", data = "<f>")]`,
; `#[route("/x", method = "GET")]`, possibly among other attributes, on the handler function.
(
  (attribute_item
    (attribute
      [(identifier) @route.method
       (scoped_identifier name: (identifier) @route.method)]
      arguments: (token_tree . (string_literal) @route.path)))
  .
  [(attribute_item) (line_comment) (block_comment)]*
  .
  (function_item) @route.node
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "head" "options" "route"))

; Axum `.route("/x", get(h).post(h2))` and Actix `.route("/x", web::get().to(h))`: one match per
; method router in the chain. @route.node is the argument list: the call node of a chained
; `.route` starts where the whole builder chain starts.

(call_expression
  function: (field_expression field: (field_identifier) @_route)
  arguments: (arguments
    .
    (string_literal) @route.path
    .
    (call_expression function: (identifier) @route.method)) @route.node
  (#eq? @_route "route")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "head" "options" "trace" "any"))

(call_expression
  function: (field_expression field: (field_identifier) @_route)
  arguments: (arguments
    .
    (string_literal) @route.path
    .
    (call_expression function: (field_expression value: (call_expression function: (identifier) @route.method)))) @route.node
  (#eq? @_route "route")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "head" "options" "trace" "any"))

(call_expression
  function: (field_expression field: (field_identifier) @_route)
  arguments: (arguments
    .
    (string_literal) @route.path
    .
    (call_expression function: (field_expression value: (call_expression function: (field_expression value: (call_expression function: (identifier) @route.method)))))) @route.node
  (#eq? @_route "route")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "head" "options" "trace" "any"))

(call_expression
  function: (field_expression field: (field_identifier) @_route)
  arguments: (arguments
    .
    (string_literal) @route.path
    .
    (call_expression function: (field_expression value: (call_expression function: (field_expression value: (call_expression function: (field_expression value: (call_expression function: (identifier) @route.method)))))))) @route.node
  (#eq? @_route "route")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "head" "options" "trace" "any"))

(call_expression
  function: (field_expression field: (field_identifier) @_route)
  arguments: (arguments
    .
    (string_literal) @route.path
    .
    (call_expression function: (scoped_identifier name: (identifier) @route.method))) @route.node
  (#eq? @_route "route")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "head" "options" "trace" "any"))

(call_expression
  function: (field_expression field: (field_identifier) @_route)
  arguments: (arguments
    .
    (string_literal) @route.path
    .
    (call_expression function: (field_expression value: (call_expression function: (scoped_identifier name: (identifier) @route.method))))) @route.node
  (#eq? @_route "route")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "head" "options" "trace" "any"))

(call_expression
  function: (field_expression field: (field_identifier) @_route)
  arguments: (arguments
    .
    (string_literal) @route.path
    .
    (call_expression function: (field_expression value: (call_expression function: (field_expression value: (call_expression function: (scoped_identifier name: (identifier) @route.method))))))) @route.node
  (#eq? @_route "route")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "head" "options" "trace" "any"))

(call_expression
  function: (field_expression field: (field_identifier) @_route)
  arguments: (arguments
    .
    (string_literal) @route.path
    .
    (call_expression function: (field_expression value: (call_expression function: (field_expression value: (call_expression function: (field_expression value: (call_expression function: (scoped_identifier name: (identifier) @route.method))))))))) @route.node
  (#eq? @_route "route")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "head" "options" "trace" "any"))

(call_expression
  function: (field_expression field: (field_identifier) @_route)
  arguments: (arguments
    .
    (string_literal) @route.path
    .
    (call_expression function: (field_expression value: (call_expression) field: (field_identifier) @route.method))) @route.node
  (#eq? @_route "route")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "head" "options" "trace" "any"))

(call_expression
  function: (field_expression field: (field_identifier) @_route)
  arguments: (arguments
    .
    (string_literal) @route.path
    .
    (call_expression function: (field_expression value: (call_expression function: (field_expression value: (call_expression) field: (field_identifier) @route.method))))) @route.node
  (#eq? @_route "route")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "head" "options" "trace" "any"))

(call_expression
  function: (field_expression field: (field_identifier) @_route)
  arguments: (arguments
    .
    (string_literal) @route.path
    .
    (call_expression function: (field_expression value: (call_expression function: (field_expression value: (call_expression function: (field_expression value: (call_expression) field: (field_identifier) @route.method))))))) @route.node
  (#eq? @_route "route")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "head" "options" "trace" "any"))
