; JUnit 4/5 and TestNG test methods: methods annotated @Test, @ParameterizedTest, @RepeatedTest,
; @TestFactory or @TestTemplate (simple or qualified annotation names).

(method_declaration
  (modifiers
    [(marker_annotation
       name: [(identifier) @_annotation (scoped_identifier name: (identifier) @_annotation)])
     (annotation
       name: [(identifier) @_annotation (scoped_identifier name: (identifier) @_annotation)])])
  name: (identifier) @test.name
  (#any-of? @_annotation "Test" "ParameterizedTest" "RepeatedTest" "TestFactory" "TestTemplate")) @test.case
