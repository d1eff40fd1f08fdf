; SQL built from strings and passed to JDBC / Anorm / Slick / doobie: an `s"..."`/`f"..."`/`raw"..."`
; interpolation with a `$x`, or a `+` concatenation with a string. The library interpolators
; (`sql"..."`, `SQL"..."`, `sqlu"..."`, `fr"..."`) bind parameters and do not match; doobie's
; `Fragment.const(s"...$x")` splices text and does, and so does Slick's `sql"...#$x"`. A `+` of
; string literals only (a long query split over lines) is not built from values and does not match.
(call_expression
  function: [(identifier) @_method
             (field_expression field: (identifier) @_method)]
  arguments: (arguments
    .
    (interpolated_string_expression
      interpolator: (identifier) @_interpolator
      (interpolated_string (interpolation))) @sql.arg)
  (#any-of? @_method
    "executeQuery" "executeUpdate" "executeLargeUpdate" "execute" "addBatch" "prepareStatement" "prepareCall"
    "SQL" "const" "update" "query" "createQuery" "createNativeQuery")
  (#any-of? @_interpolator "s" "f" "raw")) @sql.call

(call_expression
  function: [(identifier) @_method
             (field_expression field: (identifier) @_method)]
  arguments: (arguments
    .
    [(infix_expression left: (string) operator: (operator_identifier) @_plus)
     (infix_expression operator: (operator_identifier) @_plus right: (string))
     (infix_expression
       left: (infix_expression [(string) (interpolated_string_expression)])
       operator: (operator_identifier) @_plus)] @sql.arg)
  (#any-of? @_method
    "executeQuery" "executeUpdate" "executeLargeUpdate" "execute" "addBatch" "prepareStatement" "prepareCall"
    "SQL" "const" "update" "query" "createQuery" "createNativeQuery")
  (#eq? @_plus "+")
  (#not-match? @sql.arg "^(\"([^\"\\\\\n]|\\\\.)*\"\\s*\\+(\\s|//[^\n]*\n)*)+\"([^\"\\\\\n]|\\\\.)*\"$")) @sql.call

; Slick / Quill splice `#$x` into `sql"..."`/`sqlu"..."` as raw text.
(interpolated_string_expression
  interpolator: (identifier) @_interpolator
  (interpolated_string) @sql.arg
  (#any-of? @_interpolator "sql" "sqlu" "infix")
  (#match? @sql.arg "#\\$")) @sql.call
