; setup.py: the setup() call of setuptools or distutils, and the names the file binds, so that
; `install_requires=REQUIRES` can be followed to `REQUIRES = [...]` (src/core/manifests/setup-py.ts).

; setup(...), setuptools.setup(...), distutils.core.setup(...)
(call
  function: (identifier) @manifest.kind
  (#eq? @manifest.kind "setup")
  arguments: (argument_list)) @manifest.dependency

(call
  function: (attribute
    object: [(identifier) @_module (attribute attribute: (identifier) @_module)]
    attribute: (identifier) @manifest.kind)
  (#eq? @manifest.kind "setup")
  (#any-of? @_module "setuptools" "_setuptools" "setup_tools" "_setup_tools" "core")
  arguments: (argument_list)) @manifest.dependency

; NAME = value, NAME += value
(assignment
  left: (identifier) @manifest.name
  "=" @manifest.kind
  right: (_) @manifest.value) @manifest.assign

(augmented_assignment
  left: (identifier) @manifest.name
  operator: "+=" @manifest.kind
  right: (_) @manifest.value) @manifest.assign

; NAME.append(value), NAME.extend(value)
(call
  function: (attribute
    object: (identifier) @manifest.name
    attribute: (identifier) @manifest.kind)
  (#any-of? @manifest.kind "append" "extend")
  arguments: (argument_list . (_) @manifest.value)) @manifest.assign

; with open("requirements.txt") as NAME:
(with_item
  value: (as_pattern
    (_) @manifest.value
    "as" @manifest.kind
    alias: (as_pattern_target (identifier) @manifest.name))) @manifest.assign

; def NAME(...): its own string literals may name the requirements file it reads
(function_definition
  "def" @manifest.kind
  name: (identifier) @manifest.name) @manifest.assign @manifest.value
