; Module specifiers of ES imports/re-exports, require() and dynamic import().

(import_statement
  source: (string) @import.source)

(export_statement
  source: (string) @import.source)

; require('m') — only a plain string argument is a module name.
(call_expression
  function: (identifier) @_require
  arguments: (arguments . (string) @import.source .)
  (#eq? @_require "require"))

; import('m')
(call_expression
  function: (import)
  arguments: (arguments . (string) @import.source))
