; Gemfiles and gemspecs (src/core/manifests/ruby.ts). Enclosing `group ... do` blocks and
; `%w[...].each do |name|` loops are read from the ancestors of these matches.

; Gemfile: gem 'rails', '~> 7.1', group: :test
(call
  !receiver
  method: (identifier) @manifest.kind
  (#eq? @manifest.kind "gem")
  arguments: (argument_list)) @manifest.dependency

; gemspec: spec.add_dependency 'faraday', '>= 1.10' (any receiver)
(call
  receiver: (_)
  method: (identifier) @manifest.kind
  (#any-of? @manifest.kind "add_dependency" "add_runtime_dependency" "add_development_dependency")
  arguments: (argument_list)) @manifest.dependency

; gemspec: spec.name = 'acme-client'
(assignment
  left: (call
    receiver: (_)
    method: (identifier) @manifest.kind
    (#eq? @manifest.kind "name"))
  right: (_) @manifest.project)

; gemspec: Gem::Specification.new 'tiny', '0.1' do |gem|
(call
  receiver: (scope_resolution name: (constant) @_class (#eq? @_class "Specification"))
  method: (identifier) @manifest.kind
  (#eq? @manifest.kind "new")
  arguments: (argument_list . (_) @manifest.project))
