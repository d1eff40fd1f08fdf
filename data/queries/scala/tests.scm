; ScalaTest / MUnit / ZIO Test / specs2 / utest leaf tests: `test("name") { }`, `it("name") { }`
; (FunSpec), `"subject" should "behave" in { }`, `it should "behave" in { }`, `"name" in { }`
; (WordSpec, FreeSpec), `"name" >> { }` (specs2, when the block holds no further `>>` examples).
; Groups (`describe("x") { }`, `"x" should { }`, `"x" when { }`, `"x" - { }`, `behavior of "x"`)
; are not test cases.

(call_expression
  function: (call_expression
    function: (identifier) @_fn
    arguments: (arguments . [(string) @test.name
                             (field_expression value: (string) @test.name)]))
  arguments: (block)
  (#any-of? @_fn "test" "it" "ignore" "property" "scenario")) @test.case

(infix_expression
  left: (infix_expression
    operator: (identifier) @_verb
    right: (string) @test.name)
  operator: (identifier) @_in
  right: (block)
  (#any-of? @_verb "should" "must" "can")
  (#any-of? @_in "in" "ignore")) @test.case

(infix_expression
  left: (string) @test.name
  operator: (identifier) @_in
  right: (block)
  (#eq? @_in "in")) @test.case

(infix_expression
  left: (string) @test.name
  operator: (operator_identifier) @_op
  right: (block) @_body
  (#eq? @_op ">>")
  (#not-match? @_body "\"\\s*>>")) @test.case
