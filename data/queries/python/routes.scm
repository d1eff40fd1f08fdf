; Flask / FastAPI / Starlette / Quart / Sanic decorators on the view function:
; `@app.route('/x', methods=[...])`, `@bp.get('/x')`, `@router.post('/x', ...)`.
(decorated_definition
  (decorator
    (call
      function: (attribute
        attribute: (identifier) @route.method)
      arguments: (argument_list . (string) @route.path)))
  (#any-of? @route.method "route" "get" "post" "put" "patch" "delete" "head" "options" "api_route" "websocket")) @route.node

; Django: `path('x/', view)` / `re_path(r'^x/$', view)` / `url(...)` entries of `urlpatterns`.
; An `include(...)` target is a prefix for other urlpatterns, not an endpoint.
(assignment
  left: (identifier) @_urlpatterns
  right: (list
    (call
      function: (identifier) @route.method
      arguments: (argument_list
        .
        (string) @route.path
        .
        [(identifier)
         (attribute)
         (call function: (attribute attribute: (identifier) @_as_view))]))
    @route.node)
  (#eq? @_urlpatterns "urlpatterns")
  (#any-of? @route.method "path" "re_path" "url")
  (#eq? @_as_view "as_view"))

(augmented_assignment
  left: (identifier) @_urlpatterns
  right: (list
    (call
      function: (identifier) @route.method
      arguments: (argument_list
        .
        (string) @route.path
        .
        [(identifier)
         (attribute)
         (call function: (attribute attribute: (identifier) @_as_view))]))
    @route.node)
  (#eq? @_urlpatterns "urlpatterns")
  (#any-of? @route.method "path" "re_path" "url")
  (#eq? @_as_view "as_view"))
