; SQL built from strings and passed to JDBC / JdbcTemplate / JPA / Exposed calls:
; a string template with `$x`/`${x}`, a `+` concatenation with a string, or `.format(...)`.
(call_expression
  (navigation_expression
    (navigation_suffix (simple_identifier) @_method))
  (call_suffix
    (value_arguments
      .
      (value_argument
        [(string_literal [(interpolated_identifier) (interpolated_expression)])
         (additive_expression (string_literal) "+")
         (additive_expression "+" (string_literal))
         (additive_expression (additive_expression (string_literal)) "+")
         (call_expression
           (navigation_expression
             (string_literal)
             (navigation_suffix (simple_identifier) @_format)))] @sql.arg)))
  (#any-of? @_method
    "executeQuery" "executeUpdate" "execute" "addBatch" "prepareStatement"
    "query" "queryForObject" "queryForList" "queryForMap" "update" "batchUpdate"
    "createQuery" "createNativeQuery" "exec")
  (#eq? @_format "format")) @sql.call

; Exposed `exec("...$x")` inside a transaction.
(call_expression
  (simple_identifier) @_method
  (call_suffix
    (value_arguments
      .
      (value_argument
        [(string_literal [(interpolated_identifier) (interpolated_expression)])
         (additive_expression (string_literal) "+")
         (additive_expression "+" (string_literal))] @sql.arg)))
  (#eq? @_method "exec")) @sql.call
