/// `paper:`, `editions:` and `email:` in `briefing.yaml`: how the PDF and e-mail editions of a
/// briefing are made, and which of them `briefing weekly` makes beside the HTML.
package struct EditionSettings: Sendable, Hashable {
    /// The page size of the PDF edition. A4 unless the team prints on Letter.
    package enum Paper: String, Sendable, Hashable, CaseIterable {
        case a4 = "A4"
        case letter = "Letter"

        /// The CSS `@page` size keyword.
        package var cssSize: String { self == .a4 ? "A4" : "letter" }
    }

    /// An edition `briefing weekly` can add to `Reports/<period>/` (`editions: [pdf, email]`).
    package enum Kind: String, Sendable, Hashable, CaseIterable {
        case pdf, email
    }

    package var paper: Paper = .a4
    /// The editions `briefing weekly` writes beside the HTML, in the order listed (no duplicates).
    package var weekly: [Kind] = []
    /// The e-mail envelope; `nil` when `briefing.yaml` has no `email:` block.
    package var email: EmailSettings?

    package init() {}
}

/// `email:` in `briefing.yaml`: who the e-mail edition is from and to, and how `--send` sends it.
package struct EmailSettings: Sendable, Hashable {
    /// `From:`, an address or `Name <address>`.
    package var from: String?
    /// `To:` addresses, in the order written.
    package var to: [String] = []
    /// `Cc:` addresses, in the order written.
    package var cc: [String] = []
    /// `Reply-To:`, if set.
    package var replyTo: String?
    /// `Subject:`; `nil` for the default (title, period and the one-line lead).
    package var subject: String?
    /// The sendmail program `--send` pipes the message to (run as `PROGRAM -t`); `nil` when
    /// sending is not configured.
    package var sendmail: String?

    package init() {}
}
