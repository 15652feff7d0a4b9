/// Series colours and the second channel (dashes, markers) that keeps many series apart.
///
/// The data's own colour wins when it is a valid `#RRGGBB`; otherwise a series takes its place in
/// `categorical`, twelve colours chosen from the Okabe–Ito and Paul Tol palettes and darkened where
/// needed so that every one
/// - has at least 3:1 contrast (WCAG 1.4.11) against the white background *and* against the fan
///   chart's translucent band, where Okabe–Ito's yellow used to vanish;
/// - is at least ΔE₀₀ 12 from every other (normal vision);
/// - among the first six, stays at least ΔE₀₀ 11 apart for protanopes and deuteranopes as simulated by
///   Machado, Oliveira and Fernandes (2009).
/// Colour alone cannot keep more than six series apart for every reader, so from the seventh series on
/// lines also differ by dash pattern and every line of such a chart carries a marker shape; areas and
/// bars get a lighter fill with a dashed outline. `PaletteTests` computes all of the above.
enum Palette {
    static let categorical = [
        "#0072B2", "#CA5900", "#008E68", "#882255", "#332288", "#5C2F00",
        "#BF5690", "#117733", "#A16F00", "#6F6F6F", "#7A7A29", "#C44F63",
    ]
    /// How many series colour alone may separate before the second channel starts.
    static let colourOnlySeries = 6
    /// The fan chart's band colour and opacity (the background the scenario lines are drawn on).
    static let bandColor = "#0072B2"
    static let bandOpacity = 0.22
    /// Dash patterns by round of six series: solid, dashed, dotted, dash-dot.
    static let roundDashes: [String?] = [nil, "7 4", "2 3", "9 3 2 3"]
    static let seriesDash = "7 4"

    struct Style: Hashable {
        var color: String
        /// `stroke-dasharray`, nil for solid.
        var dash: String?
        /// Fill opacity for areas and bars.
        var fillOpacity: Double
        /// Drawn at each point of a line (and in its legend swatch); nil for none.
        var marker: Marker?
    }

    /// The style of series `index` of `count`. `colors` is the palette to take from (the fan chart leaves
    /// out its band's colour).
    static func style(index: Int, count: Int, color: String?, dashed: Bool, colors: [String] = categorical) -> Style {
        let own = validColor(color)
        let crowded = count > colourOnlySeries
        var dash: String? = dashed ? seriesDash : nil
        if dash == nil, crowded { dash = roundDashes[(index / colourOnlySeries) % roundDashes.count] }
        let marker = crowded ? Marker.allCases[index % Marker.allCases.count] : nil
        let fallback = colors.isEmpty ? categorical[0] : colors[index % colors.count]
        return Style(color: own ?? fallback, dash: dash, fillOpacity: dash == nil ? 0.85 : 0.45, marker: marker)
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
