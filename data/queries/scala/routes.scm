; http4s: `case GET -> Root / "users" => ...` (the method and the `-> Root` pattern).
(infix_pattern
  left: (identifier) @route.method
  operator: (operator_identifier) @_arrow
  right: (identifier) @_root
  (#any-of? @route.method "GET" "POST" "PUT" "PATCH" "DELETE" "HEAD" "OPTIONS")
  (#eq? @_arrow "->")
  (#eq? @_root "Root")) @route.node

; Akka HTTP / Pekko: `path("users") { ... }` (the method directives inside are not reliably
; parsed by this grammar, so the path directive itself is the route).
(call_expression
  function: (identifier) @route.method
  arguments: (arguments . (string) @route.path)
  body: (block)
  (#eq? @route.method "path")) @route.node

; Scalatra: `get("/x") { ... }`.
(call_expression
  function: (identifier) @route.method
  arguments: (arguments . (string) @route.path)
  body: (block)
  (#any-of? @route.method "get" "post" "put" "patch" "delete")) @route.node
