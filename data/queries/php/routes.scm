; Laravel: `Route::get('/x', ...)`, `Route::match([...], '/x', ...)`, `Route::resource('photos', ...)`.
(scoped_call_expression
  scope: (name) @_facade
  name: (name) @route.method
  arguments: (arguments
    .
    (argument [(string) (encapsed_string)] @route.path))
  (#eq? @_facade "Route")
  (#any-of? @route.method
    "get" "post" "put" "patch" "delete" "options" "any" "resource" "apiResource" "view" "redirect")) @route.node

(scoped_call_expression
  scope: (name) @_facade
  name: (name) @route.method
  arguments: (arguments
    .
    (argument (array_creation_expression))
    .
    (argument [(string) (encapsed_string)] @route.path))
  (#eq? @_facade "Route")
  (#eq? @route.method "match")) @route.node

; Slim / Lumen / Mezzio: `$app->get('/x', function (...) {...})`, `$router->post('/x', 'C@m')`.
; The path must start with `/` and a handler follow, so `$request->get('name')` is not a route.
(member_call_expression
  name: (name) @route.method
  arguments: (arguments
    .
    (argument [(string) (encapsed_string)] @route.path)
    .
    (argument))
  (#any-of? @route.method "get" "post" "put" "patch" "delete" "options" "any" "map")
  (#match? @route.path "^['\"]/")) @route.node

; Symfony `#[Route('/x', methods: ['GET'])]` (and #[Get]/#[Post] style attributes) on actions.
; A class-level #[Route] is a prefix and is not counted.
(method_declaration
  attributes: (attribute_list
    (attribute_group
      (attribute
        [(name) @route.method (qualified_name (name) @route.method .)]
        parameters: (arguments
          .
          (argument [(string) (encapsed_string)] @route.path))?)))
  (#any-of? @route.method "Route" "Get" "Post" "Put" "Patch" "Delete")) @route.node
