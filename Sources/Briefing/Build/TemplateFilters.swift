import Templating

/// The briefing's own template filters: numbers the way the team writes them, and escaping for
/// values placed into Markdown. Registered through the same public API any host would use.
public enum BriefingFilters {
    /// U+2212, the typographic minus sign used by `pp` and `signed` unless told otherwise.
    static let trueMinus = "\u{2212}"

    public static func register(in environment: Environment) {
        environment.addFilter("percent") { value, arguments in
            let digits = try arguments.bind(["digits"])[0]?.digitsArgument("digits") ?? 1
            return .string(Value.fixed(try number(value, "percent") * 100, digits: digits) + "%")
        }
        environment.addFilter("pp") { value, arguments in
            let bound = try arguments.bind(["digits", "minus"])
            let digits = try bound[0]?.digitsArgument("digits") ?? 1
            let minus = try bound[1]?.stringArgument("minus") ?? trueMinus
            return .string(signedFixed(try number(value, "pp") * 100, digits: digits, minus: minus) + " pp")
        }
        environment.addFilter("money") { value, arguments in
            let bound = try arguments.bind(["unit", "digits", "currency"])
            let unit = try bound[0]?.stringArgument("unit") ?? "B"
            let digits = try bound[1]?.digitsArgument("digits") ?? 1
            let currency = try bound[2]?.stringArgument("currency") ?? "$"
            let amount = try number(value, "money")
            let text = Value.fixed(abs(amount), digits: digits)
            let negative = amount < 0 && text.contains(where: { $0 != "0" && $0 != "." })
            return .string((negative ? "-" : "") + currency + text + unit)
        }
        environment.addFilter("signed") { value, arguments in
            let bound = try arguments.bind(["digits", "minus"])
            let minus = try bound[1]?.stringArgument("minus") ?? trueMinus
            let amount = try number(value, "signed")
            if let digits = bound[0], !digits.isNone {
                return .string(signedFixed(amount, digits: try digits.digitsArgument("digits"), minus: minus))
            }
            let text = try value.rendered()
            if amount > 0 { return .string("+" + text) }
            if amount < 0 { return .string(minus + text.dropFirst()) }
            return .string(text)
        }
        environment.addFilter("delta_arrow") { value, arguments in
            let threshold = try arguments.bind(["threshold"])[0]?.doubleArgument("threshold") ?? 0
            let amount = try number(value, "delta_arrow")
            if amount > threshold { return "▲" }
            if amount < -threshold { return "▼" }
            return "▬"
        }
        environment.addFilter("thousands") { value, arguments in
            let digits = try arguments.bind(["digits"])[0]?.digitsArgument("digits") ?? 0
            let amount = try number(value, "thousands")
            let text = value.isInteger && digits == 0 ? try value.rendered() : Value.fixed(amount, digits: digits)
            return .string(groupThousands(text))
        }
        environment.addFilter("md") { value, arguments in
            try arguments.bind([])
            return .string(MarkdownEscaping.inline(try value.rendered()))
        }
        environment.addFilter("cell") { value, arguments in
            try arguments.bind([])
            return .string(MarkdownEscaping.tableCell(try value.rendered()))
        }
    }

    private static func number(_ value: Value, _ filter: String) throws -> Double {
        guard let number = value.doubleValue, !value.isString else {
            throw FilterError("expects a number, got \(try value.rendered().debugDescription)", kind: .type)
        }
        return number
    }

    /// `+1.2` / `−0.4` / `0.0`: the sign follows the rounded value, so nothing prints as `+0.0`.
    static func signedFixed(_ amount: Double, digits: Int, minus: String) -> String {
        let text = Value.fixed(abs(amount), digits: digits)
        guard text.contains(where: { $0 != "0" && $0 != "." }) else { return text }
        return (amount < 0 ? minus : "+") + text
    }

    /// Inserts `,` between groups of three digits of the integer part.
    static func groupThousands(_ text: String) -> String {
        var sign = ""
        var body = Substring(text)
        if body.hasPrefix("-") {
            sign = "-"
            body = body.dropFirst()
        }
        let integer = body.prefix { $0 != "." }
        let rest = body.dropFirst(integer.count)
        var grouped = ""
        for (index, digit) in integer.enumerated() {
            if index > 0 && (integer.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return sign + grouped + rest
    }
}

extension Value {
    fileprivate var isString: Bool { stringValue != nil }
}
