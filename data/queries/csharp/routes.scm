; ASP.NET Core minimal APIs: `app.MapGet("/x", handler)`, `group.MapPost(...)`, ...
(invocation_expression
  function: (member_access_expression
    name: (identifier) @route.method)
  arguments: (argument_list
    .
    (argument (string_literal) @route.path))
  (#any-of? @route.method "MapGet" "MapPost" "MapPut" "MapPatch" "MapDelete" "MapMethods")) @route.node

; MVC / Web API attributes on action methods: [HttpGet], [HttpPost("{id}")], [Route("x")].
; A class-level [Route] is a prefix and is not counted.
(method_declaration
  (attribute_list
    (attribute
      name: (identifier) @route.method
      (attribute_argument_list
        .
        (attribute_argument (string_literal) @route.path))?))
  (#any-of? @route.method
    "HttpGet" "HttpPost" "HttpPut" "HttpPatch" "HttpDelete" "HttpHead" "HttpOptions" "Route")) @route.node
