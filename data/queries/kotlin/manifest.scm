; Gradle Kotlin DSL: build.gradle.kts and settings.gradle.kts (src/core/manifests/gradle-kts.ts).
; Blocks that enclose a dependencies block (a test suite, a `val jvmTest by getting`) are read
; from its ancestors.

; Each statement of a dependencies { } or plugins { } block is one declaration
; (`commonMain.dependencies { }` and other qualified blocks are not matched).
(call_expression
  (simple_identifier) @manifest.kind
  (#any-of? @manifest.kind "dependencies" "plugins")
  (call_suffix
    (annotated_lambda
      (lambda_literal
        (statements (_) @manifest.dependency)))))

; So is each statement of a block nested in a dependencies block: `constraints { }` (a call with
; only a lambda), the branches of `if (...) { } else ...` and of `when`.
(call_expression
  (simple_identifier) @manifest.kind
  (#eq? @manifest.kind "dependencies")
  (call_suffix
    (annotated_lambda
      (lambda_literal
        (statements
          [(call_expression
             (simple_identifier)
             (call_suffix . (annotated_lambda (lambda_literal (statements (_) @manifest.dependency)))))
           (if_expression
             (control_structure_body [(statements (_) @manifest.dependency) (call_expression) @manifest.dependency]))
           (when_expression
             (when_entry
               (control_structure_body [(statements (_) @manifest.dependency) (call_expression) @manifest.dependency])))])))))

; apply(plugin = "java")
(call_expression
  (simple_identifier) @manifest.kind
  (#eq? @manifest.kind "apply")
  (call_suffix
    (value_arguments
      (value_argument
        (simple_identifier) @_key
        (#eq? @_key "plugin")
        (string_literal) @manifest.name))))

; settings: include(":orders-api", ":libs:core"), includeBuild("build-logic")
(call_expression
  (simple_identifier) @manifest.kind
  (#any-of? @manifest.kind "include" "includeBuild")
  (call_suffix
    (value_arguments
      (value_argument (string_literal) @manifest.workspace))))

; settings: rootProject.name = "orders"
(assignment
  (directly_assignable_expression
    (simple_identifier) @_root
    (#eq? @_root "rootProject")
    (navigation_suffix (simple_identifier) @manifest.kind (#eq? @manifest.kind "name")))
  (string_literal) @manifest.project)
