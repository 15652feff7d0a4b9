import Foundation
import Testing
import Workspace

/// `paper:`, `editions:` and `email:` in briefing.yaml: read into the configuration, and every
/// mistake reported at its position.
@Suite struct EditionSettingsTests {
    /// The settings appended to the fixture's briefing.yaml (its last line is line 21).
    static func load(_ settings: String) throws -> (config: WorkspaceConfig?, diagnostics: [String]) {
        let fixture = try WorkspaceFixture()
        try fixture.write("briefing.yaml", WorkspaceFixture.briefing + "\n" + settings)
        let result = fixture.load()
        return (result.config, result.diagnostics.map(\.description))
    }

    @Test func withoutSettingsTheDefaultsHold() throws {
        let (config, diagnostics) = try Self.load("")
        #expect(diagnostics == [])
        #expect(config?.editions == EditionSettings())
        #expect(config?.editions.paper == .a4)
    }

    @Test func everySettingIsRead() throws {
        let (config, diagnostics) = try Self.load("""
            paper: Letter
            editions: [pdf, email]
            email:
              from: "Équipe Recherche <research@example.org>"
              to: [committee@example.org, "Partners <partners@example.org>"]
              cc: archive@example.org
              reply_to: analysts@example.org
              subject: Weekly briefing
              sendmail: /usr/sbin/sendmail -oi
            """)
        #expect(diagnostics == [])
        let editions = try #require(config?.editions)
        #expect(editions.paper == .letter)
        #expect(editions.weekly == [.pdf, .email])
        let email = try #require(editions.email)
        #expect(email.from == "Équipe Recherche <research@example.org>")
        #expect(email.to == ["committee@example.org", "Partners <partners@example.org>"])
        #expect(email.cc == ["archive@example.org"])
        #expect(email.replyTo == "analysts@example.org")
        #expect(email.subject == "Weekly briefing")
        #expect(email.sendmail == "/usr/sbin/sendmail -oi")
    }

    struct Mistake: CustomTestStringConvertible, Sendable {
        var settings: String
        var diagnostic: String
        var testDescription: String { diagnostic }
    }

    static let mistakes: [Mistake] = [
        Mistake(settings: "paper: A5", diagnostic: "'paper' must be one of 'A4', 'Letter', got 'A5'"),
        Mistake(settings: "editions: [pdf, epub]", diagnostic: "'editions' lists 'epub', which is not an edition (use 'pdf' or 'email')"),
        Mistake(settings: "editions: [pdf, pdf]", diagnostic: "'editions' lists 'pdf' twice"),
        Mistake(settings: "editions: [emial]", diagnostic: "'editions' lists 'emial', which is not an edition (use 'pdf' or 'email'); did you mean 'email'?"),
        Mistake(settings: "email:\n  from: research at example.org", diagnostic: "'from' must be an e-mail address such as research@example.com or \"Research "
            + "<research@example.com>\", got 'research at example.org'"),
        Mistake(settings: "email:\n  to: [a@example.org, \"b@example.org\\r\\nBcc: x@evil.test\"]", diagnostic: "'to' must be an e-mail address such as research@example.com or "
            + "\"Research <research@example.com>\", got"),
        Mistake(settings: "email:\n  subject: \"two\\nlines\"", diagnostic: "'subject' must be one non-empty line"),
        Mistake(settings: "email:\n  bcc: x@example.org", diagnostic: "unknown key 'bcc' in e-mail settings"),
    ]

    @Test(arguments: mistakes) func mistakesAreLocated(_ mistake: Mistake) throws {
        let (_, diagnostics) = try Self.load(mistake.settings)
        #expect(diagnostics.count == 1)
        let first = try #require(diagnostics.first)
        #expect(first.hasPrefix("briefing.yaml:1"), "\(first)")
        #expect(first.contains(": error: " + mistake.diagnostic), "\(first)")
    }

    @Test(arguments: [
        ("research@example.org", true), ("Research Team <research@example.org>", true), ("\"Team, Research\" <r@example.org>", true),
        ("research@localhost", false), ("research@", false), ("<research@example.org", false), ("a b@example.org", false),
        ("x@example.org>\r\nBcc: y@example.org", false), ("", false),
    ])
    func addressShapes(_ address: String, _ valid: Bool) {
        #expect(EmailAddressCheck.isValid(address) == valid)
    }
}
