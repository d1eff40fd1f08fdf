; `import a.b.C`, `import a.b._`, `import a.b.{C, D}` (the prefix), `import a.b, c.d`.
(import_declaration
  path: [(stable_identifier) (identifier)] @import.source)
