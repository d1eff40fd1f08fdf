; SQL built from strings in PDO, mysqli, pgsql, Laravel, Doctrine and WordPress calls: an argument
; that concatenates with `.` and a string, an interpolated "...$x..." string or heredoc, or sprintf().
; `$pdo->prepare('... ?')` + execute([...]) and `DB::select('... ?', [$id])` are parameterised.

(member_call_expression
  name: (name) @_method
  arguments: (arguments
    .
    (argument
      [(binary_expression left: [(string) (encapsed_string) (heredoc)] ".")
       (binary_expression "." right: [(string) (encapsed_string) (heredoc)])
       (binary_expression left: (binary_expression left: [(string) (encapsed_string)]) ".")
       (binary_expression left: (binary_expression "." right: [(string) (encapsed_string)]) ".")
       (encapsed_string [(variable_name) (member_access_expression) (subscript_expression)])
       (heredoc (heredoc_body [(variable_name) (member_access_expression) (subscript_expression)]))
       (function_call_expression function: (name) @_sprintf)] @sql.arg))
  (#any-of? @_method
    "query" "exec" "prepare" "multi_query" "real_query" "unbuffered_query"
    "get_results" "get_var" "get_row" "get_col"
    "select" "statement" "unprepared" "raw" "whereRaw" "orWhereRaw" "selectRaw" "orderByRaw"
    "havingRaw" "groupByRaw" "fromRaw"
    "executeQuery" "executeStatement" "executeUpdate" "createQuery" "createNativeQuery")
  (#eq? @_sprintf "sprintf")) @sql.call

(scoped_call_expression
  name: (name) @_method
  arguments: (arguments
    .
    (argument
      [(binary_expression left: [(string) (encapsed_string) (heredoc)] ".")
       (binary_expression "." right: [(string) (encapsed_string) (heredoc)])
       (binary_expression left: (binary_expression left: [(string) (encapsed_string)]) ".")
       (binary_expression left: (binary_expression "." right: [(string) (encapsed_string)]) ".")
       (encapsed_string [(variable_name) (member_access_expression) (subscript_expression)])
       (heredoc (heredoc_body [(variable_name) (member_access_expression) (subscript_expression)]))
       (function_call_expression function: (name) @_sprintf)] @sql.arg))
  (#any-of? @_method
    "select" "selectOne" "insert" "update" "delete" "statement" "unprepared" "raw"
    "whereRaw" "orWhereRaw" "selectRaw" "orderByRaw" "havingRaw" "groupByRaw" "fromRaw")
  (#eq? @_sprintf "sprintf")) @sql.call

; mysqli_query($link, "..." . $x), pg_query($conn, "...$x"), mysql_query("..." . $x), ...
(function_call_expression
  function: (name) @_function
  arguments: (arguments
    (argument
      [(binary_expression left: [(string) (encapsed_string) (heredoc)] ".")
       (binary_expression "." right: [(string) (encapsed_string) (heredoc)])
       (binary_expression left: (binary_expression left: [(string) (encapsed_string)]) ".")
       (binary_expression left: (binary_expression "." right: [(string) (encapsed_string)]) ".")
       (encapsed_string [(variable_name) (member_access_expression) (subscript_expression)])
       (heredoc (heredoc_body [(variable_name) (member_access_expression) (subscript_expression)]))
       (function_call_expression function: (name) @_sprintf)] @sql.arg))
  (#any-of? @_function
    "mysqli_query" "mysqli_multi_query" "mysqli_real_query" "mysql_query" "pg_query" "pg_send_query"
    "sqlite_query" "oci_parse" "odbc_exec" "sqlsrv_query" "db2_exec")
  (#eq? @_sprintf "sprintf")) @sql.call

; SQL built into a variable first and passed by name: `$sql = "... $id";`, `$sql .= ...`, `sprintf(...)`,
; then `$pdo->query($sql)`, `DB::select($sql)`, `mysqli_query($link, $sql)` (any argument there).
; An assignment match captures the variable as @sql.assign (also as @sql.call, which every match
; carries) and the built value as @sql.arg; a call match captures its bare-variable argument as
; @sql.var. The security detector pairs a call with the last building of that name just above it.
([(assignment_expression
   left: (variable_name) @sql.assign @sql.call
   right: [(binary_expression left: [(string) (encapsed_string) (heredoc)] ".")
           (binary_expression "." right: [(string) (encapsed_string) (heredoc)])
           (binary_expression left: (binary_expression left: [(string) (encapsed_string)]) ".")
           (binary_expression left: (binary_expression "." right: [(string) (encapsed_string)]) ".")
           (encapsed_string [(variable_name) (member_access_expression) (subscript_expression)])
           (heredoc (heredoc_body [(variable_name) (member_access_expression) (subscript_expression)]))
           (function_call_expression function: (name) @_sprintf)] @sql.arg)
  (augmented_assignment_expression
   left: (variable_name) @sql.assign @sql.call
   right: [(binary_expression left: [(string) (encapsed_string) (heredoc)] ".")
           (binary_expression "." right: [(string) (encapsed_string) (heredoc)])
           (binary_expression left: (binary_expression left: [(string) (encapsed_string)]) ".")
           (binary_expression left: (binary_expression "." right: [(string) (encapsed_string)]) ".")
           (encapsed_string [(variable_name) (member_access_expression) (subscript_expression)])
           (heredoc (heredoc_body [(variable_name) (member_access_expression) (subscript_expression)]))
           (function_call_expression function: (name) @_sprintf)] @sql.arg)]
  (#eq? @_sprintf "sprintf"))

(member_call_expression
  name: (name) @_method
  arguments: (arguments . (argument (variable_name) @sql.var))
  (#any-of? @_method
    "query" "exec" "prepare" "multi_query" "real_query" "unbuffered_query"
    "get_results" "get_var" "get_row" "get_col"
    "select" "statement" "unprepared" "raw" "whereRaw" "orWhereRaw" "selectRaw" "orderByRaw"
    "havingRaw" "groupByRaw" "fromRaw"
    "executeQuery" "executeStatement" "executeUpdate" "createQuery" "createNativeQuery")) @sql.call

(scoped_call_expression
  name: (name) @_method
  arguments: (arguments . (argument (variable_name) @sql.var))
  (#any-of? @_method
    "select" "selectOne" "insert" "update" "delete" "statement" "unprepared" "raw"
    "whereRaw" "orWhereRaw" "selectRaw" "orderByRaw" "havingRaw" "groupByRaw" "fromRaw")) @sql.call

(function_call_expression
  function: (name) @_function
  arguments: (arguments (argument (variable_name) @sql.var))
  (#any-of? @_function
    "mysqli_query" "mysqli_multi_query" "mysqli_real_query" "mysql_query" "pg_query" "pg_send_query"
    "sqlite_query" "oci_parse" "odbc_exec" "sqlsrv_query" "db2_exec")) @sql.call
