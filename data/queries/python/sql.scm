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
