; SQL built from strings and passed to JDBC / Anorm / Slick / doobie: an `s"..."`/`f"..."`
; interpolation with a `$x`, or a `+` concatenation with a string. The library interpolators
; (`sql"..."`, `SQL"..."`, `sqlu"..."`) bind parameters and do not match.
(call_expression
  function: [(identifier) @_method
             (field_expression field: (identifier) @_method)]
  arguments: (arguments
    .
    (string_transform_expression
      (identifier) @_interpolator
      (string (interpolation))) @sql.arg)
  (#any-of? @_method
    "executeQuery" "executeUpdate" "execute" "addBatch" "prepareStatement"
    "SQL" "const" "update" "query" "createQuery" "createNativeQuery")
  (#any-of? @_interpolator "s" "f" "raw")) @sql.call

(call_expression
  function: [(identifier) @_method
             (field_expression field: (identifier) @_method)]
  arguments: (arguments
    .
    [(infix_expression left: (string) operator: (operator_identifier) @_plus)
     (infix_expression left: (_) operator: (operator_identifier) @_plus right: (string))] @sql.arg)
  (#any-of? @_method
    "executeQuery" "executeUpdate" "execute" "addBatch" "prepareStatement"
    "SQL" "const" "update" "query" "createQuery" "createNativeQuery")
  (#eq? @_plus "+")) @sql.call
