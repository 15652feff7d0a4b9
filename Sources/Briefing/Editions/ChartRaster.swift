import Foundation

/// Charts as PNG for the e-mail edition (mail clients do not show SVG), drawn by librsvg's
/// `rsvg-convert` at twice their size so that they stay sharp on high-DPI screens.
package struct ChartRaster: Sendable {
    let tool: ExternalTool
    /// Pixels per CSS pixel.
    static let scale = 2

    /// `$BRIEFING_RSVG_CONVERT` when set, else `rsvg-convert` on `PATH`.
    package static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(EditionError) -> ChartRaster {
        var names = ["rsvg-convert"]
        if let chosen = environment["BRIEFING_RSVG_CONVERT"], !chosen.isEmpty { names = [chosen] }
        guard let tool = ExternalTool.locate(names, path: environment["PATH"]) else {
            throw .missingTool(name: "rsvg-convert", debianPackage: "librsvg2-bin", purpose: "the e-mail edition's charts")
        }
        return ChartRaster(tool: tool)
    }

    /// The PNG of the SVG file at `url` and the size it is shown at, in CSS pixels.
    func png(of url: URL, displayName: String) throws(EditionError) -> (png: Data, width: Int, height: Int) {
        guard let svg = FileManager.default.contents(atPath: url.path) else {
            throw .unreadable(path: displayName, reason: "no such file")
        }
        guard let size = ChartRaster.size(of: String(decoding: svg, as: UTF8.self)) else {
            throw .unreadable(path: displayName, reason: "not an SVG with a width and height or a viewBox")
        }
        let png = try tool.run(["--zoom=\(ChartRaster.scale)", "--format=png", url.path], timeout: 60)
        guard png.starts(with: [0x89, 0x50, 0x4E, 0x47]) else {
            throw .badOutput(name: "rsvg-convert", reason: "did not draw \(displayName) as a PNG")
        }
        return (png, size.width, size.height)
    }

    /// The root element's `width` and `height` (in pixels), or else its `viewBox` size.
    static func size(of svg: String) -> (width: Int, height: Int)? {
        guard let start = svg.range(of: "<svg") else { return nil }
        let tokens = EditionHTML.tokens(String(svg[start.lowerBound...].prefix { $0 != ">" }) + ">")
        guard case .tag(_, _, let attributes, _)? = tokens.first else { return nil }
        let value: (String) -> String? = { key in attributes.first { $0.0 == key }?.1 }
        func pixels(_ text: String?) -> Double? {
            guard var text = text?.trimmingCharacters(in: .whitespaces) else { return nil }
            if text.hasSuffix("px") { text.removeLast(2) }
            return Double(text).flatMap { $0 > 0 && $0 < 100_000 ? $0 : nil }
        }
        if let width = pixels(value("width")), let height = pixels(value("height")) {
            return (Int(width.rounded()), Int(height.rounded()))
        }
        let box = (value("viewbox") ?? "").split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
        guard box.count == 4, box[2] > 0, box[3] > 0, box[2] < 100_000, box[3] < 100_000 else { return nil }
        return (Int(box[2].rounded()), Int(box[3].rounded()))
    }
}
