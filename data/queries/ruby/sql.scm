; SQL built from strings in ActiveRecord, Sequel, pg and mysql2 calls: an interpolated
; "... #{x}" string, a `+` concatenation with a string, or `"..." % x` / format(...).
; `where("name = ?", x)`, `where(name: x)` and `find_by_sql(["... ?", x])` are parameterised.
(call
  method: (identifier) @_method
  arguments: (argument_list
    .
    [(string (interpolation))
     (binary left: (string) ["+" "%"])
     (binary "+" right: (string))
     (binary left: (binary left: (string)) "+")
     (binary left: (binary "+" right: (string)) "+")] @sql.arg)
  (#any-of? @_method
    "where" "rewhere" "not" "having" "order" "reorder" "group" "joins" "from" "select" "pluck"
    "find_by_sql" "count_by_sql" "update_all" "delete_all" "exists?"
    "execute" "exec_query" "exec_update" "exec_delete" "exec_insert"
    "select_all" "select_one" "select_value" "select_values" "select_rows"
    "query" "exec" "async_exec")) @sql.call

(call
  method: (identifier) @_method
  arguments: (argument_list
    .
    (call
      !receiver
      method: (identifier) @_format) @sql.arg)
  (#any-of? @_method
    "where" "having" "order" "find_by_sql" "execute" "exec_query" "select_all" "query" "exec")
  (#any-of? @_format "format" "sprintf")) @sql.call

; SQL built into a variable first and passed by name: `sql = "... #{x}"`, `sql += ...`, then
; `execute(sql)`, `conn.exec(sql)`, `where(sql)`.
; An assignment match captures the variable as @sql.assign (also as @sql.call, which every match
; carries) and the built value as @sql.arg; a call match captures its bare-variable argument as
; @sql.var. The security detector pairs a call with the last building of that name just above it.
([(assignment
   left: (identifier) @sql.assign @sql.call
   right: [(string (interpolation))
           (binary left: (string) ["+" "%"])
           (binary "+" right: (string))
           (binary left: (binary left: (string)) "+")
           (binary left: (binary "+" right: (string)) "+")] @sql.arg)
  (operator_assignment
   left: (identifier) @sql.assign @sql.call
   right: [(string (interpolation))
           (binary left: (string) ["+" "%"])
           (binary "+" right: (string))
           (binary left: (binary left: (string)) "+")
           (binary left: (binary "+" right: (string)) "+")] @sql.arg)])

(call
  method: (identifier) @_method
  arguments: (argument_list . (identifier) @sql.var)
  (#any-of? @_method
    "where" "rewhere" "not" "having" "order" "reorder" "group" "joins" "from" "select" "pluck"
    "find_by_sql" "count_by_sql" "update_all" "delete_all" "exists?"
    "execute" "exec_query" "exec_update" "exec_delete" "exec_insert"
    "select_all" "select_one" "select_value" "select_values" "select_rows"
    "query" "exec" "async_exec")) @sql.call
