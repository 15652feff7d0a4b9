import Templating

/// The briefing's own template filters: numbers the way the team writes them, and escaping for
/// values placed into Markdown. Registered through the same public API any host would use.
package enum BriefingFilters {
    package static func register(in environment: Environment) {
        // The unit filters check their input's scale first (`UnitPlausibility`): a value in the
        // wrong unit fails here, located, rather than printing a figure a hundred times off.
        environment.addFilter("percent") { value, arguments in
            let bound = try arguments.bind(["digits", "sign"])
            let digits = try bound[0]?.digitsArgument("digits") ?? 1
            let fraction = try UnitPlausibility.percentFraction(try number(value, "percent"))
            guard try flag(bound[1], "sign") ?? false else { return .string(ReaderNumbers.percent(fraction, digits: digits)) }
            return .string(ReaderNumbers.signed(fraction * 100, digits: digits) + "%")
        }
        environment.addFilter("pp") { value, arguments in
            let bound = try arguments.bind(["digits", "minus", "sign"])
            let digits = try bound[0]?.digitsArgument("digits") ?? 1
            let minus = try bound[1]?.stringArgument("minus") ?? ReaderNumbers.minus
            let fraction = try UnitPlausibility.pointsFraction(try number(value, "pp"))
            guard try flag(bound[2], "sign") ?? true else {
                return .string(ReaderNumbers.fixed(fraction * 100, digits: digits, minus: minus) + " pp")
            }
            return .string(ReaderNumbers.percentagePoints(fraction, digits: digits, minus: minus))
        }
        environment.addFilter("money") { value, arguments in
            let bound = try arguments.bind(["unit", "digits", "currency"])
            let unit = try bound[0]?.stringArgument("unit") ?? "B"
            let digits = try bound[1]?.digitsArgument("digits") ?? 1
            let currency = try bound[2]?.stringArgument("currency") ?? "$"
            let amount = try UnitPlausibility.amount(try number(value, "money"))
            return .string(ReaderNumbers.money(amount, symbol: currency, suffix: unit, digits: digits))
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

    /// A `true`/`false` argument; `nil` when not given (or given `none`).
    private static func flag(_ value: Value?, _ name: String) throws -> Bool? {
        guard let value, !value.isNone else { return nil }
        guard case .bool(let flag) = value else { throw FilterError("'\(name)' must be true or false", kind: .type) }
        return flag
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
