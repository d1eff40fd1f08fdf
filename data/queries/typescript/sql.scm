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
