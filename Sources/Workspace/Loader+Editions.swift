import Foundation

/// `paper:`, `editions:` and `email:` in `briefing.yaml`.
extension LoadContext {
    func readEditions(_ reader: inout MappingReader) -> EditionSettings {
        var settings = EditionSettings()
        if let paper = reader.choice("paper", EditionSettings.Paper.allCases.map(\.rawValue)).flatMap(EditionSettings.Paper.init) {
            settings.paper = paper
        }
        if let kinds = reader.strings("editions") {
            for (name, location) in kinds {
                guard let kind = EditionSettings.Kind(rawValue: name) else {
                    let allowed = EditionSettings.Kind.allCases.map(\.rawValue)
                    var message = "'editions' lists \(quoted(name)), which is not an edition (use \(allowed.map { "'\($0)'" }.joined(separator: " or ")))"
                    if let close = suggestion(for: name, among: allowed) { message += "; did you mean '\(close)'?" }
                    sink.error(message, at: location)
                    continue
                }
                guard !settings.weekly.contains(kind) else {
                    sink.error("'editions' lists '\(name)' twice", at: location)
                    continue
                }
                settings.weekly.append(kind)
            }
        }
        if var email = reader.mapping("email", what: "e-mail settings") {
            settings.email = readEmail(&email)
        }
        return settings
    }

    private func readEmail(_ reader: inout MappingReader) -> EmailSettings {
        var email = EmailSettings()
        email.from = address(&reader, "from")
        email.replyTo = address(&reader, "reply_to")
        email.to = addresses(&reader, "to")
        email.cc = addresses(&reader, "cc")
        if let node = reader.node("subject"), let subject = MappingReader.string(node, key: "subject", document: reader.document, sink: sink) {
            if subject.contains(where: \.isNewline) || subject.allSatisfy(\.isWhitespace) {
                sink.error("'subject' must be one non-empty line", at: reader.location(of: node))
            } else {
                email.subject = subject
            }
        }
        if let node = reader.node("sendmail"), let program = MappingReader.string(node, key: "sendmail", document: reader.document, sink: sink) {
            if program.allSatisfy(\.isWhitespace) || program.contains(where: \.isNewline) {
                sink.error("'sendmail' must name the sendmail program, such as /usr/sbin/sendmail", at: reader.location(of: node))
            } else {
                email.sendmail = program
            }
        }
        reader.finish()
        return email
    }

    private func address(_ reader: inout MappingReader, _ key: String) -> String? {
        guard let node = reader.node(key), let text = MappingReader.string(node, key: key, document: reader.document, sink: sink) else { return nil }
        return checkedAddress(text, key: key, at: reader.location(of: node))
    }

    private func addresses(_ reader: inout MappingReader, _ key: String) -> [String] {
        guard let items = reader.strings(key) else { return [] }
        return items.compactMap { checkedAddress($0.0, key: key, at: $0.1) }
    }

    /// An address as a header can carry it: `name@host` or `Name <name@host>`, on one line
    /// (a line break would let a data file add headers of its own).
    private func checkedAddress(_ text: String, key: String, at location: Location) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard EmailAddressCheck.isValid(trimmed) else {
            sink.error("'\(key)' must be an e-mail address such as research@example.com or \"Research <research@example.com>\", got \(quoted(text))", at: location)
            return nil
        }
        return trimmed
    }
}

/// The shape of an address in `email:`: enough to catch typing mistakes and header injection,
/// not a full RFC 5322 parser.
package enum EmailAddressCheck {
    package static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else { return false }
        var address = Substring(text)
        if let open = text.lastIndex(of: "<") {
            guard text.hasSuffix(">") else { return false }
            address = text[text.index(after: open)..<text.index(before: text.endIndex)]
            let name = text[..<open]
            guard !name.contains("<"), !name.contains(">") else { return false }
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        return address.allSatisfy { $0.isASCII && !$0.isWhitespace && !"<>(),;:\"[]\\".contains($0) }
    }
}
