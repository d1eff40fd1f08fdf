; SQL built from strings and passed to a query/execute/raw call (node-postgres, mysql2, sqlite,
; Sequelize, Knex, TypeORM, Prisma's *Unsafe, postgres.js `unsafe`): the first argument is a
; `+` concatenation with a string operand, or a template literal with a `${}` substitution.
; Parameterised calls (a plain literal plus values) and tagged templates (sql`...${x}`,
; prisma.$queryRaw`...`) do not match.
; (tree-sitter-typescript parses `await pool.query<Row>(...)` as a call of `await pool.query`.)
(call_expression
  function: [(member_expression
              property: (property_identifier) @_method)
             (await_expression
               (member_expression
                 property: (property_identifier) @_method))]
  arguments: (arguments
    .
    [(template_string (template_substitution))
     (binary_expression left: [(string) (template_string)] "+")
     (binary_expression "+" right: [(string) (template_string)])
     (binary_expression left: (binary_expression left: [(string) (template_string)]) "+")
     (binary_expression left: (binary_expression "+" right: [(string) (template_string)]) "+")] @sql.arg)
  (#any-of? @_method
    "query" "execute" "raw" "unsafe"
    "$queryRawUnsafe" "$executeRawUnsafe" "queryRawUnsafe" "executeRawUnsafe"
    "whereRaw" "orWhereRaw" "havingRaw" "orderByRaw" "joinRaw" "fromRaw" "selectRaw"
    "where" "andWhere" "orWhere")) @sql.call

; SQL built into a variable first and passed by name: `const q = "SELECT ..." + id`, a template
; literal with `${id}`, `q += ...`, then `await pool.query(q)`.
; An assignment match captures the variable as @sql.assign (also as @sql.call, which every match
; carries) and the built value as @sql.arg; a call match captures its bare-variable argument as
; @sql.var. The security detector pairs a call with the last building of that name just above it.
(variable_declarator
  name: (identifier) @sql.assign @sql.call
  value: [(template_string (template_substitution))
          (binary_expression left: [(string) (template_string)] "+")
          (binary_expression "+" right: [(string) (template_string)])
          (binary_expression left: (binary_expression left: [(string) (template_string)]) "+")
          (binary_expression left: (binary_expression "+" right: [(string) (template_string)]) "+")] @sql.arg)

([(assignment_expression
   left: (identifier) @sql.assign @sql.call
   right: [(template_string (template_substitution))
           (binary_expression left: [(string) (template_string)] "+")
           (binary_expression "+" right: [(string) (template_string)])
           (binary_expression left: (binary_expression left: [(string) (template_string)]) "+")
           (binary_expression left: (binary_expression "+" right: [(string) (template_string)]) "+")] @sql.arg)
  (augmented_assignment_expression
   left: (identifier) @sql.assign @sql.call
   right: [(template_string (template_substitution))
           (binary_expression left: [(string) (template_string)] "+")
           (binary_expression "+" right: [(string) (template_string)])
           (binary_expression left: (binary_expression left: [(string) (template_string)]) "+")
           (binary_expression left: (binary_expression "+" right: [(string) (template_string)]) "+")] @sql.arg)])

(call_expression
  function: [(member_expression
              property: (property_identifier) @_method)
             (await_expression
               (member_expression
                 property: (property_identifier) @_method))]
  arguments: (arguments . (identifier) @sql.var)
  (#any-of? @_method
    "query" "execute" "raw" "unsafe"
    "$queryRawUnsafe" "$executeRawUnsafe" "queryRawUnsafe" "executeRawUnsafe"
    "whereRaw" "orWhereRaw" "havingRaw" "orderByRaw" "joinRaw" "fromRaw" "selectRaw"
    "where" "andWhere" "orWhere")) @sql.call
