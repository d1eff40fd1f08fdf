; `use A\B\C;`, `use function A\b;`, `use A\B\{C, D};` (the shared prefix).
; Trait `use` inside a class body is a different node (use_declaration).

(namespace_use_declaration
  (namespace_use_clause
    [(qualified_name) (name)] @import.source))

(namespace_use_declaration
  (namespace_name) @import.source
  body: (namespace_use_group))

; require/include of a plain string path.
(require_expression [(string) (encapsed_string)] @import.source)
(require_once_expression [(string) (encapsed_string)] @import.source)
(include_expression [(string) (encapsed_string)] @import.source)
(include_once_expression [(string) (encapsed_string)] @import.source)
