import CFloatFormat
import Foundation

/// Python's number formatting rules, which Jinja2 exposes through `format`, `round` and `%`.
enum PythonFormat {
    /// C's `snprintf` for one floating-point conversion (through a small C shim: Swift cannot
    /// call variadic C functions, and `withVaList` costs more than the conversion itself).
    static func formatDouble(_ value: Double, flags: String, precision: Int, conversion: Character) -> String {
        // Callers check precisions against `TemplateLimits.maximumFormatWidth`; the C shim
        // refuses larger ones too, so an unchecked caller gets "" rather than a crash.
        if conversion == "f", flags.isEmpty, let fast = fixedPoint(value, digits: precision) { return fast }
        var buffer = [CChar](repeating: 0, count: 128)
        let ascii = CChar(conversion.asciiValue ?? 0)
        var written = Int(cff_format_double(&buffer, Int32(buffer.count), flags, Int32(precision), ascii, value))
        if written >= buffer.count {
            buffer = [CChar](repeating: 0, count: written + 1)
            written = Int(cff_format_double(&buffer, Int32(buffer.count), flags, Int32(precision), ascii, value))
        }
        guard written >= 0 else { return "" }
        return buffer.withUnsafeBufferPointer { pointer in
            String(decoding: UnsafeRawBufferPointer(start: pointer.baseAddress, count: written), as: UTF8.self)
        }
    }

    static let powersOfTen: [Double] = (0...15).map { Foundation.pow(10.0, Double($0)) }

    /// `x · 10^digits` rounded to an integer, when that can be decided without the exact decimal
    /// expansion: the product is exact to within 2⁻¹³ below 2⁴⁰, so unless it sits within 10⁻³
    /// of a tie, rounding it gives what a correctly rounded conversion gives. `nil` otherwise.
    @inline(__always)
    static func scaledInteger(_ x: Double, digits: Int) -> Double? {
        guard digits >= 0, digits < powersOfTen.count, x.isFinite else { return nil }
        let y = x * powersOfTen[digits]
        guard abs(y) < 1_099_511_627_776 else { return nil }
        let fraction = abs(y - y.rounded(.towardZero))
        guard abs(fraction - 0.5) > 1e-3 else { return nil }
        return y.rounded(.toNearestOrEven)
    }

    /// `%.Nf` without going through printf, for the common case `scaledInteger` can decide.
    static func fixedPoint(_ x: Double, digits: Int) -> String? {
        guard let scaled = scaledInteger(x, digits: digits) else { return nil }
        let magnitude = UInt64(abs(scaled))
        let negative = x < 0 || (x == 0 && x.sign == .minus)
        var text = negative ? "-" : ""
        if digits == 0 {
            text += String(magnitude)
            return text
        }
        let unit = UInt64(powersOfTen[digits])
        let fraction = String(magnitude % unit)
        text += String(magnitude / unit)
        text += "."
        if fraction.utf8.count < digits { text += String(repeating: "0", count: digits - fraction.utf8.count) }
        text += fraction
        return text
    }

    /// Python's `round(x, ndigits)` for floats: correctly rounded from the binary value, ties to even.
    static func round(_ x: Double, digits: Int) -> Double {
        guard x.isFinite else { return x }
        // The quotient of two exactly representable values, correctly rounded: the double nearest
        // the decimal result, as Python returns.
        if let scaled = scaledInteger(x, digits: digits) {
            let result = scaled / powersOfTen[digits]
            return result == 0 ? (x.sign == .minus ? -0.0 : 0.0) : result
        }
        if digits >= 0 { return cff_round_double(x, Int32(min(digits, 400))) }
        // Past 10^308 the scale is infinite; Python's answer there is a zero of x's sign.
        if digits < -308 { return x.sign == .minus ? -0.0 : 0.0 }
        let scale = Foundation.pow(10.0, -Double(digits))
        let y = x / scale
        return (y.rounded(.toNearestOrEven) * scale)
    }

    /// Python's `round(int, ndigits)`: ints stay ints; negative digits round half to even.
    /// Throws where Python's exact result does not fit in 64 bits (`(2**63-1)|round(-1)`).
    static func round(_ x: Int, digits: Int) throws -> Int {
        guard digits < 0 else { return x }
        guard digits > -19 else { return 0 }
        var scale = 1
        for _ in 0..<(-digits) { scale *= 10 }
        // x / scale truncates towards zero; the remainder has x's sign.
        let quotient = x / scale
        var rounded = quotient
        let remainder = x % scale
        let twice = remainder.magnitude * 2
        if twice > UInt(scale) || (twice == UInt(scale) && quotient % 2 != 0) {
            rounded += x >= 0 ? 1 : -1
        }
        let (result, overflow) = rounded.multipliedReportingOverflow(by: scale)
        if overflow {
            throw OperationError(.limit, "integer overflow: \(x) rounded to \(digits) digits needs more than 64 bits")
        }
        return result
    }
}
