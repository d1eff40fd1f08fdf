; `import a.b.C`, `import a.b._`, `import a.b.{C, D}`, `import a.b.{given, *}`, `import a.b, c.d`.
; tree-sitter-scala 0.24 gives an import path as sibling identifiers (no node spans `a.b.C`), so
; the first segment is @import.source and the rest @import.name (joined as `source.name`). The
; engine keeps the first node of a repeated capture, so today the module is the first two
; segments (`akka.http`); the quantified @import.name is there for an engine that joins them.
(import_declaration
  .
  path: (identifier) @import.source
  .
  "."
  .
  path: (identifier) @import.name
  .
  ("." . path: (identifier) @import.name)*)

; The second and later paths of `import a.b, c.d`.
(import_declaration
  ","
  .
  path: (identifier) @import.source
  .
  "."
  .
  path: (identifier) @import.name
  .
  ("." . path: (identifier) @import.name)*)

; One segment: `import zio._`, `import cats.{Eq, Show}`, `import scala`.
(import_declaration
  .
  path: (identifier) @import.source
  .
  [(namespace_wildcard) (namespace_selectors) (as_renamed_identifier)]
  .)

(import_declaration
  .
  path: (identifier) @import.source
  .)
