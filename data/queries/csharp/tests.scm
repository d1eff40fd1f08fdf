; xUnit/NUnit/MSTest test methods: [Fact], [Theory], [Test], [TestMethod], [DataTestMethod],
; [TestCase(...)], [TestCaseSource(...)] (simple or qualified attribute names, any list).
; A method with several [TestCase] attributes yields one match per attribute.
(method_declaration
  (attribute_list
    (attribute
      name: [(identifier) @_attribute (qualified_name name: (identifier) @_attribute)]))
  name: (identifier) @test.name
  (#any-of? @_attribute "Fact" "Theory" "Test" "TestMethod" "DataTestMethod" "TestCase" "TestCaseSource" "SkippableFact")) @test.case
