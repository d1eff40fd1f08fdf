; `using A.B;`, `global using A.B;`, `using static A.B;`, and the target of `using X = A.B;`.
; (`using (var x = ...)` statements are a different node.)

(using_directive
  !name
  [(qualified_name) (identifier)] @import.source)

(using_directive
  name: (identifier)
  "="
  [(qualified_name) (identifier)] @import.source)
