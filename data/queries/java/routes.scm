; Spring MVC/WebFlux mapping annotations on handler methods: @GetMapping("/x"),
; @PostMapping(path = "/x"), @RequestMapping(value = "/x", method = ...), or without a path.
; A class-level @RequestMapping is a prefix and is not counted. Also Micronaut @Get("/x").

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

; JAX-RS / Quarkus / Micronaut verb markers: @GET, @POST, ... (the method's @Path is not
; captured: tree-sitter cannot pair two sibling annotations in either order without duplicates).
(method_declaration
  (modifiers
    (marker_annotation
      name: (identifier) @route.method))
  (#any-of? @route.method "GET" "POST" "PUT" "PATCH" "DELETE" "HEAD" "OPTIONS")) @route.node
