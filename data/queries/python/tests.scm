; pytest/unittest test functions and methods: `def test...` (the default collection prefix),
; at module level or in a class. Functions decorated as fixtures are not test cases.

(module
  (function_definition
    name: (identifier) @test.name
    (#match? @test.name "^test")) @test.case)

(class_definition
  body: (block
    (function_definition
      name: (identifier) @test.name
      (#match? @test.name "^test")) @test.case))

(decorated_definition
  (decorator)* @_decorator
  definition: (function_definition
    name: (identifier) @test.name
    (#match? @test.name "^test")) @test.case
  (#not-match? @_decorator "^@\\s*(\\w+\\.)*fixture\\b"))
