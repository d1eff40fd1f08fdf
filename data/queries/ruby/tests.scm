; RSpec examples (`it "x" do`, `it { }`, `specify`, `example`, Capybara `scenario`),
; Rails/ActiveSupport `test "x" do`, and minitest `def test_x`. Groups (`describe`, `context`)
; are not test cases.

(call
  !receiver
  method: (identifier) @_fn
  arguments: (argument_list . (string) @test.name)?
  block: [(do_block) (block)]
  (#any-of? @_fn "it" "specify" "example" "scenario" "its" "test")) @test.case

(method
  name: (identifier) @test.name
  (#match? @test.name "^test_")) @test.case
