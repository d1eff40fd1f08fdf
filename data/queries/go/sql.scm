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

; SQL built into a variable first and passed by name: `q := fmt.Sprintf(...)`, `var q = "..." + id`,
; `q += ...`, then `db.Query(q)` / `db.QueryContext(ctx, q)`.
; An assignment match captures the variable as @sql.assign (also as @sql.call, which every match
; carries) and the built value as @sql.arg; a call match captures its bare-variable argument as
; @sql.var. The security detector pairs a call with the last building of that name just above it.
([(short_var_declaration
   left: (expression_list . (identifier) @sql.assign @sql.call .)
   right: (expression_list
     .
     [(call_expression
        function: (selector_expression
          operand: (identifier) @_fmt
          field: (field_identifier) @_sprintf))
      (binary_expression left: [(interpreted_string_literal) (raw_string_literal)] "+")
      (binary_expression "+" right: [(interpreted_string_literal) (raw_string_literal)])
      (binary_expression left: (binary_expression left: [(interpreted_string_literal) (raw_string_literal)]) "+")
      (binary_expression left: (binary_expression "+" right: [(interpreted_string_literal) (raw_string_literal)]) "+")] @sql.arg
     .))
  (assignment_statement
   left: (expression_list . (identifier) @sql.assign @sql.call .)
   right: (expression_list
     .
     [(call_expression
        function: (selector_expression
          operand: (identifier) @_fmt
          field: (field_identifier) @_sprintf))
      (binary_expression left: [(interpreted_string_literal) (raw_string_literal)] "+")
      (binary_expression "+" right: [(interpreted_string_literal) (raw_string_literal)])
      (binary_expression left: (binary_expression left: [(interpreted_string_literal) (raw_string_literal)]) "+")
      (binary_expression left: (binary_expression "+" right: [(interpreted_string_literal) (raw_string_literal)]) "+")] @sql.arg
     .))
  (var_spec
   name: (identifier) @sql.assign @sql.call
   value: (expression_list
     .
     [(call_expression
        function: (selector_expression
          operand: (identifier) @_fmt
          field: (field_identifier) @_sprintf))
      (binary_expression left: [(interpreted_string_literal) (raw_string_literal)] "+")
      (binary_expression "+" right: [(interpreted_string_literal) (raw_string_literal)])
      (binary_expression left: (binary_expression left: [(interpreted_string_literal) (raw_string_literal)]) "+")
      (binary_expression left: (binary_expression "+" right: [(interpreted_string_literal) (raw_string_literal)]) "+")] @sql.arg
     .))]
  (#eq? @_fmt "fmt")
  (#eq? @_sprintf "Sprintf"))

(call_expression
  function: (selector_expression
    field: (field_identifier) @_method)
  arguments: (argument_list . (identifier) @sql.var)
  (#any-of? @_method
    "Query" "QueryRow" "Exec" "Prepare" "Queryx" "QueryRowx" "MustExec" "Raw" "Where")) @sql.call

; The second argument: after ctx in the *Context methods, after the destination in sqlx
; Select/Get, and after a ctx variable in pgx (`conn.Query(ctx, q)`; a first argument that is a
; string is the SQL itself, and what follows it are values).
(call_expression
  function: (selector_expression
    field: (field_identifier) @_method)
  arguments: (argument_list . (_) . (identifier) @sql.var)
  (#any-of? @_method
    "QueryContext" "QueryRowContext" "ExecContext" "PrepareContext"
    "QueryxContext" "QueryRowxContext" "MustExecContext" "Select" "Get")) @sql.call

(call_expression
  function: (selector_expression
    field: (field_identifier) @_method)
  arguments: (argument_list . (identifier) . (identifier) @sql.var)
  (#any-of? @_method "Query" "QueryRow" "Exec" "Prepare")) @sql.call
