; Go tests: `func TestXxx(t *testing.T)` — a name `Test` not followed by a lower-case letter,
; one parameter of type *testing.T. (TestMain takes *testing.M and is not a test.)
(function_declaration
  name: (identifier) @test.name
  parameters: (parameter_list
    .
    (parameter_declaration
      type: (pointer_type
        (qualified_type
          package: (package_identifier) @_package
          name: (type_identifier) @_type)))
    .)
  (#match? @test.name "^Test([^a-z]|$)")
  (#eq? @_package "testing")
  (#eq? @_type "T")) @test.case
