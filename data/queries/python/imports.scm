; `import a.b`, `import a.b as c`, `from a.b import c`.
; Relative imports keep their leading dots (`..models`) so they never look like a package;
; a bare `from . import x` names no module and is not captured.

(import_statement
  name: (dotted_name) @import.source)

(import_statement
  name: (aliased_import
    name: (dotted_name) @import.source))

(import_from_statement
  module_name: (dotted_name) @import.source)

(import_from_statement
  module_name: (relative_import (dotted_name)) @import.source)
