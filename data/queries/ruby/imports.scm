; `require "x"` / `require("x")`. require_relative loads a project file and is not captured.
(call
  !receiver
  method: (identifier) @_require
  arguments: (argument_list . (string) @import.source .)
  (#eq? @_require "require"))
