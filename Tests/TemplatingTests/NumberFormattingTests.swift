import Foundation
import TestSupport
import Testing
@testable import Templating

/// The fast fixed-point paths must agree with C's correctly rounded conversion everywhere.
@Test func fixedPointFastPathMatchesPrintf() {
    var generator = SeededRandom(seed: 2026)
    var checked = 0
    for _ in 0..<200_000 {
        let magnitude = Double(generator.next() % 1_000_000) / Double([1, 10, 100, 1000, 8, 3][Int(generator.next() % 6)])
        let x = (generator.next() % 2 == 0 ? 1 : -1) * (magnitude + Double(generator.next() % 1000) / 1000.0)
        let digits = Int(generator.next() % 7)
        if let fast = PythonFormat.fixedPoint(x, digits: digits) {
            checked += 1
            let reference = String(format: "%.\(digits)f", x)
            #expect(fast == reference, "x=\(x) digits=\(digits)")
            #expect(PythonFormat.round(x, digits: digits) == Double(reference)!, "round x=\(x) digits=\(digits)")
            if fast != reference { return }
        }
    }
    #expect(checked > 150_000)
}

@Test(arguments: [
    ("{{ 2.675|round(2) }}", "2.67"), ("{{ 2.5|round }}", "2.0"), ("{{ 3.5|round }}", "4.0"), ("{{ 7|round }}", "7"),
    ("{{ -0.04|round(1) }}", "-0.0"), ("{{ 1234.5678|round(-2) }}", "1200.0"), ("{{ 25|round(-1) }}", "20"),
    ("{{ 0.1 + 0.2 }}", "0.30000000000000004"), ("{{ 0.07 * 100 }}", "7.000000000000001"), ("{{ 1e16 }}", "1e+16"),
    ("{{ 1e-5 }}", "1e-05"), ("{{ 1.0 }}", "1.0"), ("{{ 1e15 }}", "1000000000000000.0"), ("{{ 4 / 2 }}", "2.0"),
    ("{{ -7 // 2 }}", "-4"), ("{{ -7 % 3 }}", "2"), ("{{ 7 % -3 }}", "-2"), ("{{ -7.5 // 2 }}", "-4.0"),
    ("{{ '%.1f'|format(0.05) }}", "0.1"), ("{{ '%.1f'|format(0.25) }}", "0.2"), ("{{ '%.2f'|format(1e20) }}", "100000000000000000000.00"),
    ("{{ '%5.1f|%-6s|%+d|%05d|%x|%e|%g|%%'|format(3.14159, 'ab', 3, -42, 255, 12345.678, 0.0001) }}",
     "  3.1|ab    |+3|-0042|ff|1.234568e+04|0.0001|%"),
    ("{{ '%(a)s-%(b).1f'|format(a='x', b=2) }}", "x-2.0"), ("{{ '%d'|format(3.99) }}", "3"),
])
func numbersPrintAsPythonPrintsThem(_ template: String, _ expected: String) throws {
    #expect(try Environment().render(string: template, context: [:]) == expected)
}
