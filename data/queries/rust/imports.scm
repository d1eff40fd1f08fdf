; The path of each `use` (for `use a::b::{c, d}` the shared prefix `a::b`) and `extern crate x`.
; Paths under crate/self/super are local and start with that keyword.

(use_declaration
  argument: [(scoped_identifier) (identifier)] @import.source)

(use_declaration
  argument: (scoped_use_list
    path: (_) @import.source))

(use_declaration
  argument: (use_as_clause
    path: (_) @import.source))

(use_declaration
  argument: (use_wildcard
    . (_) @import.source))

(extern_crate_declaration
  name: (identifier) @import.source)
