; sbt build definitions (src/core/manifests/sbt.ts). The version and configuration after the
; coordinate (`% "1.0" % Test`) and an enclosing addSbtPlugin(...) are read from its ancestors.

; "group" % "artifact", "group" %% "artifact" (Scala version suffix), "group" %%% "artifact"
(infix_expression
  left: (string) @manifest.name
  operator: (operator_identifier) @manifest.kind
  (#any-of? @manifest.kind "%" "%%" "%%%")
  right: (string)) @manifest.dependency

; `libraryDependencies += "group" %% "artifact"`: the grammar binds `+=` tighter than `%%`
(infix_expression
  left: (infix_expression
    operator: (operator_identifier) @_assign
    (#any-of? @_assign "+=" ":=")
    right: (string) @manifest.name)
  operator: (operator_identifier) @manifest.kind
  (#any-of? @manifest.kind "%" "%%" "%%%")
  right: (string)) @manifest.dependency

; project in file("modules/core")
(infix_expression
  operator: (identifier) @manifest.kind
  (#eq? @manifest.kind "in")
  right: (call_expression
    function: (identifier) @_file
    (#eq? @_file "file")
    arguments: (arguments . (string) @manifest.workspace)))

; project.in(file("modules/core"))
(call_expression
  function: (field_expression field: (identifier) @manifest.kind)
  (#eq? @manifest.kind "in")
  arguments: (arguments
    (call_expression
      function: (identifier) @_file
      (#eq? @_file "file")
      arguments: (arguments . (string) @manifest.workspace))))
