import Templating

/// The briefing's own template filters: numbers the way the team writes them, and escaping for
/// values placed into Markdown. Registered through the same public API any host would use.
package enum BriefingFilters {
    package static func register(in environment: Environment) {
        environment.addFilter("percent") { value, arguments in
            let digits = try arguments.bind(["digits"])[0]?.digitsArgument("digits") ?? 1
            return .string(ReaderNumbers.percent(try number(value, "percent"), digits: digits))
        }
        environment.addFilter("pp") { value, arguments in
            let bound = try arguments.bind(["digits", "minus"])
            let digits = try bound[0]?.digitsArgument("digits") ?? 1
            let minus = try bound[1]?.stringArgument("minus") ?? ReaderNumbers.minus
            return .string(ReaderNumbers.percentagePoints(try number(value, "pp"), digits: digits, minus: minus))
        }
        environment.addFilter("money") { value, arguments in
            let bound = try arguments.bind(["unit", "digits", "currency"])
            let unit = try bound[0]?.stringArgument("unit") ?? "B"
            let digits = try bound[1]?.digitsArgument("digits") ?? 1
            let currency = try bound[2]?.stringArgument("currency") ?? "$"
            return .string(ReaderNumbers.money(try number(value, "money"), symbol: currency, suffix: unit, digits: digits))
        }
        environment.addFilter("signed") { value, arguments in
            let bound = try arguments.bind(["digits", "minus"])
            let minus = try bound[1]?.stringArgument("minus") ?? ReaderNumbers.minus
            let amount = try number(value, "signed")
            if let digits = bound[0], !digits.isNone {
                return .string(ReaderNumbers.signed(amount, digits: try digits.digitsArgument("digits"), minus: minus))
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
            return .string(ReaderNumbers.thousands(text))
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
}

extension Value {
    fileprivate var isString: Bool { stringValue != nil }
}
