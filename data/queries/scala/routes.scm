; Akka HTTP / Pekko routing DSL. The route is the method directive (`get { ... }`); its path is
; the literal of the nearest enclosing `path("x")`/`pathPrefix("x")`/`pathSuffix("x")` when the
; method sits in that directive's block directly, in a `~` chain (inline or trailing-`~` style),
; in `concat(...)`, or one `pathEnd { }` level below. Wrappers are matched as `(_ !arguments ...)`
; (an infix `~`, a trailing `~`, a lambda, parentheses), never as another directive's block, so a
; method inside `path("a") { path("b") { get } }` is not given path "a".

; path("x") { get { } }, path("x") { get { } ~ post { } }, path("x") { concat(get { }, post { }) }.
(call_expression
  function: (call_expression
    function: (identifier) @_dir
    arguments: (arguments . (string) @route.path))
  arguments: (block
    [(call_expression function: (identifier) @route.method arguments: (block)) @route.node
     (_ !arguments
       (call_expression function: (identifier) @route.method arguments: (block)) @route.node)
     (_ !arguments
       (_ !arguments
         (call_expression function: (identifier) @route.method arguments: (block)) @route.node))
     (_ !arguments
       (_ !arguments
         (_ !arguments
           (call_expression function: (identifier) @route.method arguments: (block)) @route.node)))
     (call_expression
       function: (identifier) @_concat
       arguments: (arguments
         [(call_expression function: (identifier) @route.method arguments: (block)) @route.node
          (_ !arguments
            (call_expression function: (identifier) @route.method arguments: (block)) @route.node)]))])
  (#any-of? @_dir "path" "pathPrefix" "pathSuffix")
  (#eq? @_concat "concat")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "head" "options"))

; pathPrefix("x") { pathEnd { get { } ~ post { } } }, also inside `~`/concat(...) on either level.
(call_expression
  function: (call_expression
    function: (identifier) @_dir
    arguments: (arguments . (string) @route.path))
  arguments: (block
    [(call_expression
       function: (identifier) @_end
       arguments: (block
         [(call_expression function: (identifier) @route.method arguments: (block)) @route.node
          (_ !arguments
            (call_expression function: (identifier) @route.method arguments: (block)) @route.node)
          (_ !arguments
            (_ !arguments
              (call_expression function: (identifier) @route.method arguments: (block)) @route.node))
          (call_expression
            function: (identifier) @_concat
            arguments: (arguments
              [(call_expression function: (identifier) @route.method arguments: (block)) @route.node
               (_ !arguments
                 (call_expression function: (identifier) @route.method arguments: (block)) @route.node)]))]))
     (_ !arguments
       (call_expression
         function: (identifier) @_end
         arguments: (block
           [(call_expression function: (identifier) @route.method arguments: (block)) @route.node
            (_ !arguments
              (call_expression function: (identifier) @route.method arguments: (block)) @route.node)
            (call_expression
              function: (identifier) @_concat
              arguments: (arguments
                [(call_expression function: (identifier) @route.method arguments: (block)) @route.node
                 (_ !arguments
                   (call_expression function: (identifier) @route.method arguments: (block)) @route.node)]))])))
     (call_expression
       function: (identifier) @_outer
       arguments: (arguments
         (call_expression
           function: (identifier) @_end
           arguments: (block
             [(call_expression function: (identifier) @route.method arguments: (block)) @route.node
              (_ !arguments
                (call_expression function: (identifier) @route.method arguments: (block)) @route.node)
              (call_expression
                function: (identifier) @_concat
                arguments: (arguments
                  [(call_expression function: (identifier) @route.method arguments: (block)) @route.node
                   (_ !arguments
                     (call_expression function: (identifier) @route.method arguments: (block)) @route.node)]))]))))])
  (#any-of? @_dir "path" "pathPrefix" "pathSuffix")
  (#any-of? @_end "pathEnd" "pathEndOrSingleSlash" "pathSingleSlash")
  (#eq? @_outer "concat")
  (#eq? @_concat "concat")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "head" "options"))

; Any other method directive (`path(LongNumber) { id => get { } }`, `post { entity(...) { } }`):
; a route whose path is not a literal. Matches start in document order, so a method the patterns
; above gave a path is reported with it (the engine keeps one route per node and method). A method
; wrapped around paths (`get { path("a") { } ~ path("b") { } }`) is left to the paths below.
(call_expression
  function: (identifier) @route.method
  arguments: (block) @_body
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "head" "options")
  (#not-match? @_body "(^|[^.\\w])path(Prefix|Suffix)?\\s*\\(")) @route.node

; `(get & path("x")) { ... }`.
(call_expression
  function: (parenthesized_expression
    (infix_expression
      left: (identifier) @route.method
      operator: (operator_identifier) @_and
      right: (call_expression
        function: (identifier) @_dir
        arguments: (arguments . (string) @route.path))))
  arguments: (block)
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "head" "options")
  (#eq? @_and "&")
  (#any-of? @_dir "path" "pathPrefix")) @route.node

; `path("x") { complete(...) }` with no method directive inside: a route for any method.
(call_expression
  function: (call_expression
    function: (identifier) @route.method
    arguments: (arguments . (string) @route.path))
  arguments: (block) @_body
  (#eq? @route.method "path")
  (#not-match? @_body "(^|[^.\\w])(get|post|put|patch|delete|head|options)\\s*[{&|]")) @route.node

; http4s (and old zio-http) `case GET -> Root / "users" / IntVar(id) => ...`, `case req @ POST -> Root`,
; `case Method.GET -> !! / "x"`: the route is the `GET -> Root` part, its path the first segment
; when that is a literal.
(case_clause
  pattern: (infix_pattern
    left: [(identifier) @route.method
           (capture_pattern pattern: (identifier) @route.method)
           (stable_identifier (identifier) @route.method .)]
    operator: (operator_identifier) @_arrow
    right: [(identifier) (operator_identifier)] @_root) @route.node
  (#any-of? @route.method "GET" "POST" "PUT" "PATCH" "DELETE" "HEAD" "OPTIONS")
  (#eq? @_arrow "->")
  (#any-of? @_root "Root" "!!"))

(infix_pattern
  left: (infix_pattern
    left: [(identifier) @route.method
           (capture_pattern pattern: (identifier) @route.method)
           (stable_identifier (identifier) @route.method .)]
    operator: (operator_identifier) @_arrow
    right: [(identifier) (operator_identifier)] @_root) @route.node
  operator: (operator_identifier) @_slash
  right: (string) @route.path
  (#any-of? @route.method "GET" "POST" "PUT" "PATCH" "DELETE" "HEAD" "OPTIONS")
  (#eq? @_arrow "->")
  (#any-of? @_root "Root" "!!")
  (#eq? @_slash "/"))

(infix_pattern
  left: (infix_pattern
    left: [(identifier) @route.method
           (capture_pattern pattern: (identifier) @route.method)
           (stable_identifier (identifier) @route.method .)]
    operator: (operator_identifier) @_arrow
    right: [(identifier) (operator_identifier)] @_root) @route.node
  right: [(identifier) (stable_identifier) (capture_pattern) (case_class_pattern) (typed_pattern)
          (wildcard) (alternative_pattern) (tuple_pattern) (interpolated_string_expression)]
  (#any-of? @route.method "GET" "POST" "PUT" "PATCH" "DELETE" "HEAD" "OPTIONS")
  (#eq? @_arrow "->")
  (#any-of? @_root "Root" "!!"))

; zio-http 3: `Method.GET / "users" -> handler(...)`.
(infix_expression
  left: (field_expression
    value: (identifier) @_class
    field: (identifier) @route.method)
  operator: (operator_identifier) @_slash
  right: (string) @route.path
  (#eq? @_class "Method")
  (#any-of? @route.method "GET" "POST" "PUT" "PATCH" "DELETE" "HEAD" "OPTIONS")
  (#eq? @_slash "/")) @route.node

; Scalatra: `get("/x") { ... }`.
(call_expression
  function: (call_expression
    function: (identifier) @route.method
    arguments: (arguments . (string) @route.path))
  arguments: (block)
  (#any-of? @route.method "get" "post" "put" "patch" "delete")) @route.node

; Cask: `@cask.get("/x") def f() = ...`.
(function_definition
  (annotation
    name: (stable_type_identifier (identifier) @_ns (type_identifier) @route.method)
    arguments: (arguments . (string) @route.path))
  (#eq? @_ns "cask")
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "route" "postJson" "getJson" "postForm")) @route.node
