; SQL built from strings and passed to JDBC / Spring JdbcTemplate / JPA / Hibernate:
; `stmt.executeQuery("..." + x)`, `jdbcTemplate.query("..." + x, mapper)`,
; `em.createNativeQuery(String.format(...))`, `"""...""".formatted(x)`.
; `prepareStatement("... ?")` with `setX(...)` calls is parameterised.
(method_invocation
  name: (identifier) @_method
  arguments: (argument_list
    .
    [(binary_expression left: (string_literal) "+")
     (binary_expression "+" right: (string_literal))
     (binary_expression left: (binary_expression left: (string_literal)) "+")
     (binary_expression left: (binary_expression "+" right: (string_literal)) "+")
     (method_invocation
       object: (identifier) @_string
       name: (identifier) @_format)
     (method_invocation
       object: (string_literal)
       name: (identifier) @_formatted)] @sql.arg)
  (#any-of? @_method
    "executeQuery" "executeUpdate" "executeLargeUpdate" "execute" "addBatch"
    "prepareStatement" "prepareCall" "nativeSQL"
    "query" "queryForObject" "queryForList" "queryForMap" "queryForRowSet" "queryForStream"
    "update" "batchUpdate"
    "createQuery" "createNativeQuery" "createSQLQuery" "createNativeMutationQuery")
  (#eq? @_string "String")
  (#eq? @_format "format")
  (#eq? @_formatted "formatted")) @sql.call

; SQL built into a variable first and passed by name: `String sql = "..." + id;`, `sql += ...`,
; `String.format(...)`, then `stmt.executeQuery(sql)`.
; An assignment match captures the variable as @sql.assign (also as @sql.call, which every match
; carries) and the built value as @sql.arg; a call match captures its bare-variable argument as
; @sql.var. The security detector pairs a call with the last building of that name just above it.
([(variable_declarator
   name: (identifier) @sql.assign @sql.call
   value: [(binary_expression left: (string_literal) "+")
           (binary_expression "+" right: (string_literal))
           (binary_expression left: (binary_expression left: (string_literal)) "+")
           (binary_expression left: (binary_expression "+" right: (string_literal)) "+")
           (method_invocation
             object: (identifier) @_string
             name: (identifier) @_format)
           (method_invocation
             object: (string_literal)
             name: (identifier) @_formatted)] @sql.arg)
  (assignment_expression
   left: (identifier) @sql.assign @sql.call
   right: [(binary_expression left: (string_literal) "+")
           (binary_expression "+" right: (string_literal))
           (binary_expression left: (binary_expression left: (string_literal)) "+")
           (binary_expression left: (binary_expression "+" right: (string_literal)) "+")
           (method_invocation
             object: (identifier) @_string
             name: (identifier) @_format)
           (method_invocation
             object: (string_literal)
             name: (identifier) @_formatted)] @sql.arg)]
  (#eq? @_string "String")
  (#eq? @_format "format")
  (#eq? @_formatted "formatted"))

(method_invocation
  name: (identifier) @_method
  arguments: (argument_list . (identifier) @sql.var)
  (#any-of? @_method
    "executeQuery" "executeUpdate" "executeLargeUpdate" "execute" "addBatch"
    "prepareStatement" "prepareCall" "nativeSQL"
    "query" "queryForObject" "queryForList" "queryForMap" "queryForRowSet" "queryForStream"
    "update" "batchUpdate"
    "createQuery" "createNativeQuery" "createSQLQuery" "createNativeMutationQuery")) @sql.call
