; Test functions: `#[test]`, `#[tokio::test]` / `#[sqlx::test]` (any path ending in `test`),
; `#[rstest]` and `#[test_case(...)]`, possibly among other attributes.
(
  (attribute_item
    (attribute
      [(identifier) @_attribute
       (scoped_identifier name: (identifier) @_attribute)]))
  .
  [(attribute_item) (line_comment) (block_comment)]*
  .
  (function_item
    name: (identifier) @test.name) @test.case
  (#any-of? @_attribute "test" "rstest" "test_case"))
