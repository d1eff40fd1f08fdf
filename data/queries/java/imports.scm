; `import a.b.C;`, `import a.b.*;` (the package), `import static a.b.C.m;`.
(import_declaration
  [(scoped_identifier) (identifier)] @import.source)
