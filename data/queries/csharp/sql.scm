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
