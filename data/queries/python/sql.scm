; SQL built from strings and passed to DB-API / SQLAlchemy / Django / pandas calls:
; `cursor.execute("..." + x)`, `cursor.execute(f"... {x}")`, `"... %s" % x`, `"...".format(x)`,
; also wrapped in SQLAlchemy `text(...)`. `cursor.execute("... %s", (x,))` is parameterised.
(call
  function: (attribute
    attribute: (identifier) @_method)
  arguments: (argument_list
    .
    [(string (interpolation))
     (binary_operator left: (string) ["+" "%"])
     (binary_operator "+" right: (string))
     (binary_operator left: (binary_operator left: (string)) "+")
     (binary_operator left: (binary_operator "+" right: (string)) "+")
     (call
       function: (attribute object: (string) attribute: (identifier) @_format))
     (call
       function: (identifier) @_text
       arguments: (argument_list
         .
         [(string (interpolation))
          (binary_operator left: (string) ["+" "%"])
          (binary_operator "+" right: (string))
          (call function: (attribute object: (string) attribute: (identifier) @_format))]))] @sql.arg)
  (#any-of? @_method
    "execute" "executemany" "executescript" "raw" "read_sql" "read_sql_query" "exec_driver_sql"
    "fetch" "fetchrow" "fetchval")
  (#eq? @_format "format")
  (#eq? @_text "text")) @sql.call

; SQL built into a variable first and passed by name: `q = f"SELECT ... {x}"`, `q = "..." % x`,
; `q += ...`, then `cursor.execute(q)` / `conn.execute(text(q))`.
; An assignment match captures the variable as @sql.assign (also as @sql.call, which every match
; carries) and the built value as @sql.arg; a call match captures its bare-variable argument as
; @sql.var. The security detector pairs a call with the last building of that name just above it.
([(assignment
   left: (identifier) @sql.assign @sql.call
   right: [(string (interpolation))
           (binary_operator left: (string) ["+" "%"])
           (binary_operator "+" right: (string))
           (binary_operator left: (binary_operator left: (string)) "+")
           (binary_operator left: (binary_operator "+" right: (string)) "+")
           (call
             function: (attribute object: (string) attribute: (identifier) @_format))] @sql.arg)
  (augmented_assignment
   left: (identifier) @sql.assign @sql.call
   right: [(string (interpolation))
           (binary_operator left: (string) ["+" "%"])
           (binary_operator "+" right: (string))
           (binary_operator left: (binary_operator left: (string)) "+")
           (binary_operator left: (binary_operator "+" right: (string)) "+")
           (call
             function: (attribute object: (string) attribute: (identifier) @_format))] @sql.arg)]
  (#eq? @_format "format"))

(call
  function: (attribute
    attribute: (identifier) @_method)
  arguments: (argument_list
    .
    [(identifier) @sql.var
     (call
       function: (identifier) @_text
       arguments: (argument_list . (identifier) @sql.var .))])
  (#any-of? @_method
    "execute" "executemany" "executescript" "raw" "read_sql" "read_sql_query" "exec_driver_sql"
    "fetch" "fetchrow" "fetchval")
  (#eq? @_text "text")) @sql.call
