import Testing
@testable import Templating

@Test func placeholder() { #expect(Bool(true)) }
