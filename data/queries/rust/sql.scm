; SQL built with format! (or `+`) and passed to sqlx, diesel, rusqlite, postgres/tokio-postgres:
; `sqlx::query(&format!(...))`, `diesel::sql_query(format!(...))`, `conn.execute(&format!(...), [])`,
; `format!(...).as_str()`. The checked macros (`sqlx::query!("... $1", id)`) are parameterised.
(call_expression
  function: [(identifier) @_function
             (scoped_identifier name: (identifier) @_function)
             (generic_function function: [(identifier) @_function (scoped_identifier name: (identifier) @_function)])
             (field_expression field: (field_identifier) @_function)]
  arguments: (arguments
    .
    [(macro_invocation macro: (identifier) @_format)
     (reference_expression value: (macro_invocation macro: (identifier) @_format))
     (call_expression
       function: (field_expression
         value: (macro_invocation macro: (identifier) @_format)))
     (binary_expression left: (string_literal) "+")
     (binary_expression left: (call_expression function: (field_expression value: (string_literal))) "+")] @sql.arg)
  (#any-of? @_function
    "query" "query_as" "query_scalar" "query_with" "query_as_with" "sql_query"
    "execute" "execute_batch" "batch_execute" "prepare" "prepare_cached"
    "query_row" "query_one" "query_opt" "query_raw" "simple_query")
  (#eq? @_format "format")) @sql.call
