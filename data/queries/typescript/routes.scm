; inherits: javascript
; TypeScript (and TSX) share the JavaScript patterns above; only TypeScript-specific shapes follow.

; NestJS (and routing-controllers) handler decorators on class methods:
; `@Get()`, `@Post(':id')`, ... The controller prefix (`@Controller('users')`) is not a route.
(class_body
  (decorator
    (call_expression
      function: (identifier) @route.method
      arguments: (arguments . (string)? @route.path)))
  .
  [(decorator) (comment)]*
  .
  (method_definition) @route.node
  (#any-of? @route.method "Get" "Post" "Put" "Patch" "Delete" "Head" "Options" "All"))
