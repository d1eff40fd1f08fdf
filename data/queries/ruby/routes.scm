; Rails `config/routes.rb`: verb routes, `match`, `resources`/`resource` and `root` (whose
; argument is a controller action, not a path), inside `Rails.application.routes.draw do ... end`,
; directly or nested in up to three blocks (namespace, scope, resources ... do).
; Request specs call `get "/x"` too, but never inside a draw block.

(call
  method: (identifier) @_draw
  block: (do_block
    body: (body_statement
      (call
  !receiver
  method: (identifier) @route.method
  arguments: (argument_list . [(string) (simple_symbol)] @route.path)?) @route.node))
  (#eq? @_draw "draw")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "match" "resources" "resource"))

(call
  method: (identifier) @_draw
  block: (do_block
    body: (body_statement
      (call block: (do_block body: (body_statement (call
  !receiver
  method: (identifier) @route.method
  arguments: (argument_list . [(string) (simple_symbol)] @route.path)?) @route.node)))))
  (#eq? @_draw "draw")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "match" "resources" "resource"))

(call
  method: (identifier) @_draw
  block: (do_block
    body: (body_statement
      (call block: (do_block body: (body_statement (call block: (do_block body: (body_statement (call
  !receiver
  method: (identifier) @route.method
  arguments: (argument_list . [(string) (simple_symbol)] @route.path)?) @route.node))))))))
  (#eq? @_draw "draw")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "match" "resources" "resource"))

(call
  method: (identifier) @_draw
  block: (do_block
    body: (body_statement
      (call block: (do_block body: (body_statement (call block: (do_block body: (body_statement (call block: (do_block body: (body_statement (call
  !receiver
  method: (identifier) @route.method
  arguments: (argument_list . [(string) (simple_symbol)] @route.path)?) @route.node)))))))))))
  (#eq? @_draw "draw")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "match" "resources" "resource"))

(call
  method: (identifier) @_draw
  block: (do_block
    body: (body_statement
      (call
  !receiver
  method: (identifier) @route.method) @route.node))
  (#eq? @_draw "draw")
  (#eq? @route.method "root"))

(call
  method: (identifier) @_draw
  block: (do_block
    body: (body_statement
      (call block: (do_block body: (body_statement (call
  !receiver
  method: (identifier) @route.method) @route.node)))))
  (#eq? @_draw "draw")
  (#eq? @route.method "root"))

(call
  method: (identifier) @_draw
  block: (do_block
    body: (body_statement
      (call block: (do_block body: (body_statement (call block: (do_block body: (body_statement (call
  !receiver
  method: (identifier) @route.method) @route.node))))))))
  (#eq? @_draw "draw")
  (#eq? @route.method "root"))

(call
  method: (identifier) @_draw
  block: (do_block
    body: (body_statement
      (call block: (do_block body: (body_statement (call block: (do_block body: (body_statement (call block: (do_block body: (body_statement (call
  !receiver
  method: (identifier) @route.method) @route.node)))))))))))
  (#eq? @_draw "draw")
  (#eq? @route.method "root"))

; Sinatra / Padrino: `get '/x' do ... end` (a block makes it a route, not a request-spec call).
(call
  !receiver
  method: (identifier) @route.method
  arguments: (argument_list . (string) @route.path)
  block: [(do_block) (block)]
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "head" "options")) @route.node
