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

; fastify.route({ method: 'GET', url: '/path', handler }) — either key order; `method: ['GET', 'HEAD']`
; gives its first method.
(call_expression
  function: (member_expression
    property: (property_identifier) @_route)
  arguments: (arguments
    .
    (object
      (pair
        key: (property_identifier) @_method_key
        value: [(string) @route.method (array . (string) @route.method)])
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
        value: [(string) @route.method (array . (string) @route.method)])))
  (#eq? @_route "route")
  (#eq? @_method_key "method")
  (#any-of? @_url_key "url" "path")) @route.node

; Express `app.route('/books').get(list).post(create)` / `router.route('/x').put(h)`: each chained
; verb is a route with the path of `.route(...)` (its only argument, starting with `/`). A query
; cannot recurse, so each position in the chain has its own pattern (up to the sixth verb).
(call_expression
  function: (member_expression
    object: (call_expression
      function: (member_expression property: (property_identifier) @_route)
      arguments: (arguments . [(string) (template_string)] @route.path .))
    property: (property_identifier) @route.method)
  arguments: (arguments [(arrow_function) (function_expression) (identifier) (member_expression) (call_expression) (array)] .)
  (#eq? @_route "route")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "del" "head" "options" "all")
  (#match? @route.path "^['\"`]/")) @route.node

(call_expression
  function: (member_expression
    object: (call_expression function: (member_expression object:
      (call_expression
        function: (member_expression property: (property_identifier) @_route)
        arguments: (arguments . [(string) (template_string)] @route.path .))))
    property: (property_identifier) @route.method)
  arguments: (arguments [(arrow_function) (function_expression) (identifier) (member_expression) (call_expression) (array)] .)
  (#eq? @_route "route")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "del" "head" "options" "all")
  (#match? @route.path "^['\"`]/")) @route.node

(call_expression
  function: (member_expression
    object: (call_expression function: (member_expression object:
      (call_expression function: (member_expression object:
        (call_expression
          function: (member_expression property: (property_identifier) @_route)
          arguments: (arguments . [(string) (template_string)] @route.path .))))))
    property: (property_identifier) @route.method)
  arguments: (arguments [(arrow_function) (function_expression) (identifier) (member_expression) (call_expression) (array)] .)
  (#eq? @_route "route")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "del" "head" "options" "all")
  (#match? @route.path "^['\"`]/")) @route.node

(call_expression
  function: (member_expression
    object: (call_expression function: (member_expression object:
      (call_expression function: (member_expression object:
        (call_expression function: (member_expression object:
          (call_expression
            function: (member_expression property: (property_identifier) @_route)
            arguments: (arguments . [(string) (template_string)] @route.path .))))))))
    property: (property_identifier) @route.method)
  arguments: (arguments [(arrow_function) (function_expression) (identifier) (member_expression) (call_expression) (array)] .)
  (#eq? @_route "route")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "del" "head" "options" "all")
  (#match? @route.path "^['\"`]/")) @route.node

(call_expression
  function: (member_expression
    object: (call_expression function: (member_expression object:
      (call_expression function: (member_expression object:
        (call_expression function: (member_expression object:
          (call_expression function: (member_expression object:
            (call_expression
              function: (member_expression property: (property_identifier) @_route)
              arguments: (arguments . [(string) (template_string)] @route.path .))))))))))
    property: (property_identifier) @route.method)
  arguments: (arguments [(arrow_function) (function_expression) (identifier) (member_expression) (call_expression) (array)] .)
  (#eq? @_route "route")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "del" "head" "options" "all")
  (#match? @route.path "^['\"`]/")) @route.node

(call_expression
  function: (member_expression
    object: (call_expression function: (member_expression object:
      (call_expression function: (member_expression object:
        (call_expression function: (member_expression object:
          (call_expression function: (member_expression object:
            (call_expression function: (member_expression object:
              (call_expression
                function: (member_expression property: (property_identifier) @_route)
                arguments: (arguments . [(string) (template_string)] @route.path .))))))))))))
    property: (property_identifier) @route.method)
  arguments: (arguments [(arrow_function) (function_expression) (identifier) (member_expression) (call_expression) (array)] .)
  (#eq? @_route "route")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "del" "head" "options" "all")
  (#match? @route.path "^['\"`]/")) @route.node
