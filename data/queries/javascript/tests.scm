; Test cases of jest/vitest/mocha/jasmine/ava/node:test: `it('name', fn)`, `test('name', fn)`,
; their modifiers (`it.only`, `test.skip`, ...) and tables (`it.each(rows)('name', fn)`).
; Suites (`describe`, `context`) are not test cases.

(call_expression
  function: (identifier) @_fn
  arguments: (arguments
    .
    [(string) (template_string)] @test.name
    .
    [(arrow_function) (function_expression)])
  (#any-of? @_fn "it" "test" "specify")) @test.case

(call_expression
  function: (member_expression
    object: (identifier) @_fn
    property: (property_identifier) @_modifier)
  arguments: (arguments
    .
    [(string) (template_string)] @test.name
    .
    [(arrow_function) (function_expression)])
  (#any-of? @_fn "it" "test" "specify")
  (#any-of? @_modifier "only" "skip" "concurrent" "failing" "serial")) @test.case

(call_expression
  function: (call_expression
    function: (member_expression
      object: (identifier) @_fn
      property: (property_identifier) @_each))
  arguments: (arguments
    .
    [(string) (template_string)] @test.name)
  (#any-of? @_fn "it" "test")
  (#eq? @_each "each")) @test.case
