; JUnit/kotlin.test methods annotated @Test, @ParameterizedTest, ... and Kotest leaf tests:
; `"name" { }` (StringSpec) and `test("name") { }` / `should("name") { }` / `it("name") { }`.

(function_declaration
  (modifiers
    (annotation
      [(user_type (type_identifier) @_annotation .)
       (constructor_invocation (user_type (type_identifier) @_annotation .))]))
  (simple_identifier) @test.name
  (#any-of? @_annotation "Test" "ParameterizedTest" "RepeatedTest" "TestFactory" "TestTemplate")) @test.case

(call_expression
  .
  (string_literal) @test.name
  .
  (call_suffix . (annotated_lambda) .)) @test.case

(call_expression
  (call_expression
    (simple_identifier) @_fn
    (call_suffix
      (value_arguments
        .
        (value_argument . (string_literal) @test.name))))
  (call_suffix (annotated_lambda))
  (#any-of? @_fn "test" "should" "it" "xtest" "xshould" "xit" "expect" "then")) @test.case
