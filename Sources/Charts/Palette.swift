/// Series colours: the data's own colour when it is a valid `#RRGGBB`, otherwise the Okabe–Ito palette,
/// which stays distinguishable with the common colour-vision deficiencies and in greyscale print.
enum Palette {
    static let okabeIto = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]
    /// After eight series the colours repeat; each further round gets its own dash pattern (lines) or a
    /// lighter fill with a dashed outline (areas, bars) so repeated colours still differ.
    static let roundDashes: [String?] = [nil, "7 4", "2 3", "9 3 2 3"]
    static let seriesDash = "7 4"

    struct Style: Hashable {
        var color: String
        /// `stroke-dasharray`, nil for solid.
        var dash: String?
        /// Fill opacity for areas and bars.
        var fillOpacity: Double
    }

    static func style(index: Int, color: String?, dashed: Bool) -> Style {
        let round = index / okabeIto.count
        let own = validColor(color)
        var dash: String? = dashed ? seriesDash : nil
        if dash == nil, own == nil { dash = roundDashes[round % roundDashes.count] }
        return Style(color: own ?? okabeIto[index % okabeIto.count], dash: dash, fillOpacity: dash == nil ? 0.85 : 0.45)
    }

    /// `#RRGGBB` upper-cased, or nil for anything else (which keeps arbitrary text out of attributes).
    static func validColor(_ color: String?) -> String? {
        guard let color, color.utf8.count == 7, color.first == "#" else { return nil }
        let hex = color.dropFirst()
        guard hex.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ("a"..."f").contains($0) || ("A"..."F").contains($0) })
        else { return nil }
        return color.uppercased()
    }
}
