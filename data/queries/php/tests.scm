; PHPUnit test methods (`testX`, a `@test` docblock, or a #[Test] attribute) and Pest tests
; (`it('x', fn)`, `test('x', fn)`).

(method_declaration
  name: (name) @test.name
  (#match? @test.name "^test")) @test.case

(method_declaration
  attributes: (attribute_list
    (attribute_group
      (attribute [(name) @_attribute (qualified_name (name) @_attribute .)])))
  name: (name) @test.name
  (#eq? @_attribute "Test")) @test.case

((comment) @_doc
  .
  (method_declaration
    name: (name) @test.name) @test.case
  (#match? @_doc "@test\\b"))

(function_call_expression
  function: (name) @_fn
  arguments: (arguments
    .
    (argument [(string) (encapsed_string)] @test.name)
    .
    (argument [(anonymous_function) (arrow_function)]))
  (#any-of? @_fn "it" "test")) @test.case
