; SQL built from strings and passed to database/sql, sqlx, pgx or GORM: `db.Query(fmt.Sprintf(...))`,
; `db.Exec("..." + x)`, and the *Context variants (SQL is the second argument, after ctx).
; `db.Query("... $1", id)` is parameterised.
(call_expression
  function: (selector_expression
    field: (field_identifier) @_method)
  arguments: (argument_list
    .
    [(call_expression
       function: (selector_expression
         operand: (identifier) @_fmt
         field: (field_identifier) @_sprintf))
     (binary_expression left: [(interpreted_string_literal) (raw_string_literal)] "+")
     (binary_expression "+" right: [(interpreted_string_literal) (raw_string_literal)])
     (binary_expression left: (binary_expression left: [(interpreted_string_literal) (raw_string_literal)]) "+")
     (binary_expression left: (binary_expression "+" right: [(interpreted_string_literal) (raw_string_literal)]) "+")] @sql.arg)
  (#any-of? @_method
    "Query" "QueryRow" "Exec" "Prepare" "Queryx" "QueryRowx" "MustExec" "Raw" "Where")
  (#eq? @_fmt "fmt")
  (#eq? @_sprintf "Sprintf")) @sql.call

(call_expression
  function: (selector_expression
    field: (field_identifier) @_method)
  arguments: (argument_list
    .
    (_)
    .
    [(call_expression
       function: (selector_expression
         operand: (identifier) @_fmt
         field: (field_identifier) @_sprintf))
     (binary_expression left: [(interpreted_string_literal) (raw_string_literal)] "+")
     (binary_expression "+" right: [(interpreted_string_literal) (raw_string_literal)])
     (binary_expression left: (binary_expression left: [(interpreted_string_literal) (raw_string_literal)]) "+")
     (binary_expression left: (binary_expression "+" right: [(interpreted_string_literal) (raw_string_literal)]) "+")] @sql.arg)
  (#any-of? @_method
    "QueryContext" "QueryRowContext" "ExecContext" "PrepareContext"
    "QueryxContext" "QueryRowxContext" "MustExecContext" "Select" "Get")
  (#eq? @_fmt "fmt")
  (#eq? @_sprintf "Sprintf")) @sql.call
