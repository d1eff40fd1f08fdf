; `import a.b.C`, `import a.b.*` (the package), `import a.b.C as D`.
(import_header
  (identifier) @import.source)
