import Charts
import Foundation
import Workspace

/// `briefing check` warns when two vendors of one market have colours a reader cannot tell apart on a
/// chart: a CIEDE2000 distance below `ColorDifference.confusableBelow` (10). The warning points at the
/// `color:` of the vendor listed later in the market, the one to change.
enum VendorColorCheck {
    static func diagnostics(_ workspace: Workspace, root: URL, displayPrefix: String) -> [Diagnostic] {
        let vendors = Dictionary(workspace.vendors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var reported = Set<[String]>()
        var diagnostics: [Diagnostic] = []
        for market in workspace.markets {
            let members = market.vendorIDs.compactMap { vendors[$0] }
            for (j, later) in members.enumerated() {
                for earlier in members[..<j] {
                    guard let distance = ColorDifference.ciede2000(earlier.color, later.color),
                          distance < ColorDifference.confusableBelow,
                          reported.insert([earlier.id, later.id]).inserted
                    else { continue }
                    let message = "vendor '\(later.name)' has colour \(later.color.uppercased()), too close to '\(earlier.name)' "
                        + "(\(earlier.color.uppercased())) in market '\(market.name)': CIEDE2000 distance "
                        + "\(DistanceFormat.oneDecimal(distance)) is below \(DistanceFormat.oneDecimal(ColorDifference.confusableBelow)); "
                        + "their chart series will look alike"
                    let position = colorPosition(later, root: root, displayPrefix: displayPrefix)
                    diagnostics.append(Diagnostic(.warning, message, file: later.file, line: position?.line, column: position?.column))
                }
            }
        }
        return diagnostics
    }

    /// Line and column of the `color:` value in the vendor's front matter, read again from the file
    /// (the loaded model keeps values, not positions).
    static func colorPosition(_ vendor: Vendor, root: URL, displayPrefix: String) -> (line: Int, column: Int)? {
        var relative = vendor.file
        if !displayPrefix.isEmpty, relative.hasPrefix(displayPrefix + "/") { relative.removeFirst(displayPrefix.count + 1) }
        guard let text = try? String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8) else { return nil }
        var fences = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.trimmingCharacters(in: .whitespaces) == "---" {
                fences += 1
                if fences == 2 { break }
                continue
            }
            guard fences == 1, line.hasPrefix("color:") else { continue }
            let value = line.dropFirst("color:".count)
            let spaces = value.prefix { $0 == " " || $0 == "\t" }.count
            return (index + 1, "color:".count + spaces + 1)
        }
        return nil
    }
}

/// One decimal, locale-independent (`4.2`).
private enum DistanceFormat {
    static func oneDecimal(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        let whole = Int(tenths) / 10
        let fraction = abs(Int(tenths)) % 10
        return "\(whole).\(fraction)"
    }
}
