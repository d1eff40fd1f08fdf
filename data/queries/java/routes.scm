; Spring MVC/WebFlux mapping annotations on handler methods: @GetMapping("/x"),
; @PostMapping(path = "/x"), @RequestMapping(value = "/x", method = ...), or without a path.
; Also Micronaut @Get("/x"). A class-level @RequestMapping is a prefix (see the end), not a route.

(method_declaration
  (modifiers
    (marker_annotation
      name: (identifier) @route.method))
  (#any-of? @route.method
    "GetMapping" "PostMapping" "PutMapping" "PatchMapping" "DeleteMapping" "RequestMapping")) @route.node

(method_declaration
  (modifiers
    (annotation
      name: (identifier) @route.method
      arguments: (annotation_argument_list
        .
        [(string_literal) @route.path
         (element_value_array_initializer . (string_literal) @route.path)])))
  (#any-of? @route.method
    "GetMapping" "PostMapping" "PutMapping" "PatchMapping" "DeleteMapping" "RequestMapping"
    "Get" "Post" "Put" "Patch" "Delete")) @route.node

(method_declaration
  (modifiers
    (annotation
      name: (identifier) @route.method
      arguments: (annotation_argument_list
        (element_value_pair
          key: (identifier) @_key
          value: [(string_literal) @route.path
                  (element_value_array_initializer . (string_literal) @route.path)]))))
  (#any-of? @route.method
    "GetMapping" "PostMapping" "PutMapping" "PatchMapping" "DeleteMapping" "RequestMapping"
    "Get" "Post" "Put" "Patch" "Delete")
  (#any-of? @_key "value" "path" "uri")) @route.node

; JAX-RS / Quarkus verb markers: @GET, @POST, ... with the method's @Path("{id}") in either
; order, or without one. A method with both matches twice (with and without its path); the
; routes detector keeps one route per method node and verb.
(method_declaration
  (modifiers
    (marker_annotation
      name: (identifier) @route.method))
  (#any-of? @route.method "GET" "POST" "PUT" "PATCH" "DELETE" "HEAD" "OPTIONS")) @route.node

(method_declaration
  (modifiers
    (marker_annotation
      name: (identifier) @route.method)
    (annotation
      name: (identifier) @_path
      arguments: (annotation_argument_list . (string_literal) @route.path)))
  (#any-of? @route.method "GET" "POST" "PUT" "PATCH" "DELETE" "HEAD" "OPTIONS")
  (#eq? @_path "Path")) @route.node

(method_declaration
  (modifiers
    (annotation
      name: (identifier) @_path
      arguments: (annotation_argument_list . (string_literal) @route.path))
    (marker_annotation
      name: (identifier) @route.method))
  (#any-of? @route.method "GET" "POST" "PUT" "PATCH" "DELETE" "HEAD" "OPTIONS")
  (#eq? @_path "Path")) @route.node

; Class-level prefixes: Spring @RequestMapping("/api") / @RequestMapping(path = "/api"), JAX-RS
; @Path("/orders"), Micronaut @Controller("/x") (a Spring @Controller's value is a bean name,
; hence the `/`). Each method of the class (or interface) gets a match with the prefix and no
; @route.method; the routes detector joins it to the method's own routes.
(_
  (modifiers
    (annotation
      name: (identifier) @_prefix
      arguments: (annotation_argument_list
        .
        [(string_literal) @route.prefix
         (element_value_array_initializer . (string_literal) @route.prefix)])))
  body: [(class_body (method_declaration) @route.node)
         (interface_body (method_declaration) @route.node)]
  (#any-of? @_prefix "RequestMapping" "Path"))

(_
  (modifiers
    (annotation
      name: (identifier) @_prefix
      arguments: (annotation_argument_list
        (element_value_pair
          key: (identifier) @_key
          value: [(string_literal) @route.prefix
                  (element_value_array_initializer . (string_literal) @route.prefix)]))))
  body: [(class_body (method_declaration) @route.node)
         (interface_body (method_declaration) @route.node)]
  (#eq? @_prefix "RequestMapping")
  (#any-of? @_key "value" "path"))

(_
  (modifiers
    (annotation
      name: (identifier) @_prefix
      arguments: (annotation_argument_list . (string_literal) @route.prefix)))
  body: [(class_body (method_declaration) @route.node)
         (interface_body (method_declaration) @route.node)]
  (#eq? @_prefix "Controller")
  (#match? @route.prefix "^\"/"))
