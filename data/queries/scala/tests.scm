; ScalaTest/MUnit/specs2 leaf tests: `test("name") { }`, `it("name") { }` (FunSpec),
; `"subject" should "behave" in { }`, `it should "behave" in { }`, `"name" in { }`.

(call_expression
  function: (identifier) @_fn
  arguments: (arguments . (string) @test.name)
  body: (block)
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
