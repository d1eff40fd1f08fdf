; SQL built from strings in ADO.NET, EF Core and Dapper: `new SqlCommand($"... {x}")`,
; `new SqlCommand("..." + x)`, `FromSqlRaw($"...")`, `ExecuteSqlRaw("..." + x)`,
; `conn.Query<T>(string.Format(...))`, and `cmd.CommandText = "..." + x`.
; EF Core's FromSql/FromSqlInterpolated($"...") turn the holes into parameters and do not match.

(object_creation_expression
  type: (identifier) @_type
  arguments: (argument_list
    .
    (argument
      [(interpolated_string_expression (interpolation))
       (binary_expression left: [(string_literal) (verbatim_string_literal) (raw_string_literal)] "+")
       (binary_expression "+" right: [(string_literal) (verbatim_string_literal) (raw_string_literal)])
       (binary_expression left: (binary_expression left: [(string_literal) (verbatim_string_literal)]) "+")
       (binary_expression left: (binary_expression "+" right: [(string_literal) (verbatim_string_literal)]) "+")
       (invocation_expression
         function: (member_access_expression
           expression: [(predefined_type) (identifier) @_string]
           name: (identifier) @_format))] @sql.arg))
  (#any-of? @_type
    "SqlCommand" "NpgsqlCommand" "MySqlCommand" "SqliteCommand" "SQLiteCommand" "OracleCommand"
    "OleDbCommand" "OdbcCommand" "SqlDataAdapter" "NpgsqlDataAdapter" "MySqlDataAdapter")
  (#eq? @_string "String")
  (#eq? @_format "Format")) @sql.call

(invocation_expression
  function: (member_access_expression
    name: [(identifier) @_method (generic_name (identifier) @_method)])
  arguments: (argument_list
    .
    (argument
      [(interpolated_string_expression (interpolation))
       (binary_expression left: [(string_literal) (verbatim_string_literal) (raw_string_literal)] "+")
       (binary_expression "+" right: [(string_literal) (verbatim_string_literal) (raw_string_literal)])
       (binary_expression left: (binary_expression left: [(string_literal) (verbatim_string_literal)]) "+")
       (binary_expression left: (binary_expression "+" right: [(string_literal) (verbatim_string_literal)]) "+")
       (invocation_expression
         function: (member_access_expression
           expression: [(predefined_type) (identifier) @_string]
           name: (identifier) @_format))] @sql.arg))
  (#any-of? @_method
    "FromSqlRaw" "ExecuteSqlRaw" "ExecuteSqlRawAsync" "SqlQueryRaw"
    "Query" "QueryAsync" "QueryFirst" "QueryFirstAsync" "QueryFirstOrDefault" "QueryFirstOrDefaultAsync"
    "QuerySingle" "QuerySingleAsync" "QuerySingleOrDefault" "QuerySingleOrDefaultAsync" "QueryMultiple"
    "QueryMultipleAsync" "Execute" "ExecuteAsync" "ExecuteScalar" "ExecuteScalarAsync" "ExecuteReader"
    "ExecuteReaderAsync")
  (#eq? @_string "String")
  (#eq? @_format "Format")) @sql.call

(assignment_expression
  left: (member_access_expression
    name: (identifier) @_property)
  right: [(interpolated_string_expression (interpolation))
          (binary_expression left: [(string_literal) (verbatim_string_literal) (raw_string_literal)] "+")
          (binary_expression "+" right: [(string_literal) (verbatim_string_literal) (raw_string_literal)])
          (binary_expression left: (binary_expression left: [(string_literal) (verbatim_string_literal)]) "+")
          (invocation_expression
            function: (member_access_expression
              expression: [(predefined_type) (identifier) @_string]
              name: (identifier) @_format))] @sql.arg
  (#eq? @_property "CommandText")
  (#eq? @_string "String")
  (#eq? @_format "Format")) @sql.call

; SQL built into a variable first and passed by name: `var sql = $"... {id}";`, `sql += ...`,
; `string.Format(...)`, then `new SqlCommand(sql, conn)`, `conn.Query<T>(sql)`, `cmd.CommandText = sql`.
; An assignment match captures the variable as @sql.assign (also as @sql.call, which every match
; carries) and the built value as @sql.arg; a call match captures its bare-variable argument as
; @sql.var. The security detector pairs a call with the last building of that name just above it.
([(variable_declarator
   name: (identifier) @sql.assign @sql.call
   [(interpolated_string_expression (interpolation))
    (binary_expression left: [(string_literal) (verbatim_string_literal) (raw_string_literal)] "+")
    (binary_expression "+" right: [(string_literal) (verbatim_string_literal) (raw_string_literal)])
    (binary_expression left: (binary_expression left: [(string_literal) (verbatim_string_literal)]) "+")
    (binary_expression left: (binary_expression "+" right: [(string_literal) (verbatim_string_literal)]) "+")
    (invocation_expression
      function: (member_access_expression
        expression: [(predefined_type) (identifier) @_string]
        name: (identifier) @_format))] @sql.arg)
  (assignment_expression
   left: (identifier) @sql.assign @sql.call
   right: [(interpolated_string_expression (interpolation))
           (binary_expression left: [(string_literal) (verbatim_string_literal) (raw_string_literal)] "+")
           (binary_expression "+" right: [(string_literal) (verbatim_string_literal) (raw_string_literal)])
           (binary_expression left: (binary_expression left: [(string_literal) (verbatim_string_literal)]) "+")
           (binary_expression left: (binary_expression "+" right: [(string_literal) (verbatim_string_literal)]) "+")
           (invocation_expression
             function: (member_access_expression
               expression: [(predefined_type) (identifier) @_string]
               name: (identifier) @_format))] @sql.arg)]
  (#eq? @_string "String")
  (#eq? @_format "Format"))

(object_creation_expression
  type: (identifier) @_type
  arguments: (argument_list . (argument (identifier) @sql.var))
  (#any-of? @_type
    "SqlCommand" "NpgsqlCommand" "MySqlCommand" "SqliteCommand" "SQLiteCommand" "OracleCommand"
    "OleDbCommand" "OdbcCommand" "SqlDataAdapter" "NpgsqlDataAdapter" "MySqlDataAdapter")) @sql.call

(invocation_expression
  function: (member_access_expression
    name: [(identifier) @_method (generic_name (identifier) @_method)])
  arguments: (argument_list . (argument (identifier) @sql.var))
  (#any-of? @_method
    "FromSqlRaw" "ExecuteSqlRaw" "ExecuteSqlRawAsync" "SqlQueryRaw"
    "Query" "QueryAsync" "QueryFirst" "QueryFirstAsync" "QueryFirstOrDefault" "QueryFirstOrDefaultAsync"
    "QuerySingle" "QuerySingleAsync" "QuerySingleOrDefault" "QuerySingleOrDefaultAsync" "QueryMultiple"
    "QueryMultipleAsync" "Execute" "ExecuteAsync" "ExecuteScalar" "ExecuteScalarAsync" "ExecuteReader"
    "ExecuteReaderAsync")) @sql.call

(assignment_expression
  left: (member_access_expression
    name: (identifier) @_property)
  right: (identifier) @sql.var
  (#eq? @_property "CommandText")) @sql.call
