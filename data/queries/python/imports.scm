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

; `from google.cloud import storage`: the imported names, which the engine joins to the module
; (`google.cloud.storage`), since a namespace package's members are modules of their own.
(import_from_statement
  module_name: (dotted_name) @import.source
  name: [
    (dotted_name) @import.name
    (aliased_import name: (dotted_name) @import.name)
  ])

(import_from_statement
  module_name: (relative_import (dotted_name)) @import.source)
