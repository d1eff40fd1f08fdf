; Gin / Echo / Fiber / chi / gorilla / net/http registrations: `r.GET("/x", h)`, `e.POST(...)`,
; `app.Get(...)`, `r.Get(...)`, `http.HandleFunc("/x", h)`, `mux.HandleFunc("GET /x", h)`.
; The path must be a string starting with `/` (optionally after a Go 1.22 method prefix) and a
; handler must follow, so `http.Get("http://...")` and `cache.Get("k")` are not routes.
(call_expression
  function: (selector_expression
    field: (field_identifier) @route.method)
  arguments: (argument_list
    .
    [(interpreted_string_literal) (raw_string_literal)] @route.path
    [(func_literal) (identifier) (selector_expression) (call_expression)]
    .)
  (#any-of? @route.method
    "GET" "POST" "PUT" "PATCH" "DELETE" "HEAD" "OPTIONS" "Any"
    "Get" "Post" "Put" "Patch" "Delete" "Head" "Options" "All"
    "Handle" "HandleFunc" "Method" "MethodFunc")
  (#match? @route.path "^[\"`]([A-Z]+ +)?/")) @route.node
