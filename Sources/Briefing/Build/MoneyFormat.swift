import Foundation
import Workspace

/// Amounts as readers see them: `$207.0B`, `€5.2M`, `−$3.0B`.
struct MoneyFormat: Sendable {
    let symbol: String
    let suffix: String

    init(market: Market) {
        switch market.currency {
        case "USD": symbol = "$"
        case "EUR": symbol = "€"
        case "GBP": symbol = "£"
        case "JPY": symbol = "¥"
        default: symbol = market.currency + " "
        }
        suffix = market.unit.suffix
    }

    func callAsFunction(_ value: Double, digits: Int = 1) -> String {
        (value < 0 ? "\u{2212}" : "") + symbol + String(format: "%.\(digits)f", abs(value)) + suffix
    }
}
