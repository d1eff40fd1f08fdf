; Express / Koa-router / Fastify / Hono / Restify route registrations:
; `app.get('/path', ...handlers)`, `router.post(...)`, `fastify.delete(...)`.
; The path must be a string or template starting with `/`, and the last argument a handler
; (function, name, member or call) — `axios.get('/x', { params })` and `cache.get('/k')` are not routes.
(call_expression
  function: (member_expression
    property: (property_identifier) @route.method)
  arguments: (arguments
    .
    [(string) (template_string)] @route.path
    [(arrow_function) (function_expression) (identifier) (member_expression) (call_expression) (array)]
    .)
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "del" "head" "options" "all")
  (#match? @route.path "^['\"`]/")) @route.node

; fastify.route({ method: 'GET', url: '/path', handler }) — either key order.
(call_expression
  function: (member_expression
    property: (property_identifier) @_route)
  arguments: (arguments
    .
    (object
      (pair
        key: (property_identifier) @_method_key
        value: (string) @route.method)
      (pair
        key: (property_identifier) @_url_key
        value: [(string) (template_string)] @route.path)))
  (#eq? @_route "route")
  (#eq? @_method_key "method")
  (#any-of? @_url_key "url" "path")) @route.node

(call_expression
  function: (member_expression
    property: (property_identifier) @_route)
  arguments: (arguments
    .
    (object
      (pair
        key: (property_identifier) @_url_key
        value: [(string) (template_string)] @route.path)
      (pair
        key: (property_identifier) @_method_key
        value: (string) @route.method)))
  (#eq? @_route "route")
  (#eq? @_method_key "method")
  (#any-of? @_url_key "url" "path")) @route.node
