/// A point marker: the shape a line carries at each value when a chart has more series than colour
/// alone keeps apart. Shapes are filled outlines so they survive greyscale print.
enum Marker: CaseIterable, Hashable {
    case circle, square, triangle, diamond, triangleDown, plus

    /// Half the marker's width.
    static let radius = 3.5

    /// Draws the marker centred on (x, y) in `color`.
    func draw(_ svg: inout SVGWriter, x: Double, y: Double, color: String) {
        let r = Self.radius
        let n = SVGWriter.number
        switch self {
        case .circle:
            svg.element("circle", [("cx", n(x)), ("cy", n(y)), ("r", n(r)), ("fill", color), ("stroke", "none")])
        default:
            svg.element("path", [("d", ChartCanvas.pathData(outline(x: x, y: y, r: r)).d + " Z"), ("fill", color), ("stroke", "none")])
        }
    }

    private func outline(x: Double, y: Double, r: Double) -> [(x: Double, y: Double)?] {
        let s = r * 0.9
        let t = r * 0.35
        switch self {
        case .circle: return []
        case .square: return [(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)]
        case .triangle: return [(x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8)]
        case .triangleDown: return [(x - r, y - r * 0.8), (x + r, y - r * 0.8), (x, y + r)]
        case .diamond: return [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
        case .plus:
            return [
                (x - t, y - r), (x + t, y - r), (x + t, y - t), (x + r, y - t), (x + r, y + t), (x + t, y + t),
                (x + t, y + r), (x - t, y + r), (x - t, y + t), (x - r, y + t), (x - r, y - t), (x - t, y - t),
            ]
        }
    }
}
