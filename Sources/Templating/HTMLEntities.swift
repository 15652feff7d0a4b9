/// Decodes HTML character references, as Python's `html.unescape` does for the references
/// that occur in practice (numeric references and the common named ones).
enum HTMLEntities {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "copy": "©", "reg": "®",
        "trade": "™", "hellip": "…", "mdash": "—", "ndash": "–", "lsquo": "‘", "rsquo": "’", "ldquo": "“",
        "rdquo": "”", "bull": "•", "middot": "·", "euro": "€", "pound": "£", "yen": "¥", "cent": "¢",
        "sect": "§", "deg": "°", "plusmn": "±", "times": "×", "divide": "÷", "laquo": "«", "raquo": "»",
        "para": "¶", "frac12": "½", "frac14": "¼", "frac34": "¾", "larr": "←", "rarr": "→", "uarr": "↑",
        "darr": "↓", "minus": "−", "le": "≤", "ge": "≥", "ne": "≠", "asymp": "≈", "infin": "∞",
        "eacute": "é", "egrave": "è", "aacute": "á", "agrave": "à", "uuml": "ü", "ouml": "ö", "auml": "ä",
        "ccedil": "ç", "ntilde": "ñ", "szlig": "ß", "shy": "\u{AD}", "thinsp": "\u{2009}", "ensp": "\u{2002}",
        "emsp": "\u{2003}",
    ]

    static func decode(_ s: String) -> String {
        guard s.contains("&") else { return s }
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "&" else {
                out.append(scalars[i])
                i += 1
                continue
            }
            var j = i + 1
            while j < scalars.count, j - i <= 32, scalars[j] != ";", scalars[j] != "&", !isWhitespace(scalars[j]) { j += 1 }
            if j < scalars.count, scalars[j] == ";" {
                let name = String(String.UnicodeScalarView(scalars[(i + 1)..<j]))
                if let decoded = decodeReference(name) {
                    out.append(contentsOf: decoded.unicodeScalars)
                    i = j + 1
                    continue
                }
            }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }

    private static func decodeReference(_ name: String) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
        }
        if name.hasPrefix("#") {
            return UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init).map { String($0) }
        }
        return named[name]
    }
}
