import Charts
import Foundation
import TestSupport
@testable import Briefing

/// A few thousand SVG inputs for the screening golden (`Fixtures/svg-screening/`): charts drawn by
/// the Charts module, small hand-written documents, and seeded mutations of both that insert every
/// construct ``SVGSanitizer`` handles at every kind of place (between tags, inside a tag, inside a
/// value, at any byte), delete, cut, repeat and corrupt bytes.
///
/// The charts are frozen in `Fixtures/svg-screening/charts/` (written by `RECORD_GOLDEN=1`) so that
/// a change in how charts are drawn does not move the corpus; the mutations come from one seed, so
/// the corpus is the same bytes on every machine and every run.
enum SVGScreeningCorpus {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/svg-screening")
    static let charts = folder.appendingPathComponent("charts")
    static let seed: UInt64 = 0x5356_4753_4352_4545
    static let mutationCount = 3_000

    /// The charts the corpus starts from, by file name, drawn now.
    static func drawnCharts() -> [(String, String)] {
        let years = Array(2025...2030)
        let scenarios = [
            ChartSeries(name: "Bull", values: [207, 330, 470, 620, 780, 950]),
            ChartSeries(name: "Base", values: [207, 300, 390, 470, 540, 610]),
            ChartSeries(name: "Bear", values: [207, 250, 270, 280, 290, 300], dashed: true),
        ]
        let vendors = [
            ChartSeries(name: "Nvidia", values: [0.77, 0.74, 0.70, 0.66, 0.63, 0.60], color: "#76B900"),
            ChartSeries(name: "AMD", values: [0.05, 0.06, 0.07, 0.08, 0.09, 0.10]),
            ChartSeries(name: "Société Générale – TPU \u{212A} 🚀", values: [0.08, 0.09, 0.10, 0.11, 0.12, 0.12]),
            ChartSeries(name: "Other", values: [0.10, 0.11, 0.13, 0.15, 0.16, 0.18]),
        ]
        let money = ValueFormat.money(symbol: "$", suffix: "B", decimals: 1)
        func options(_ id: String, _ format: ValueFormat = money) -> ChartOptions {
            ChartOptions(id: id, title: "AI accelerator market, \(id), 2025–2030", description: "Chart \(id): P10–P90 & scenarios' paths.", format: format)
        }
        let band = ChartBand(low: [207, 260, 300, 340, 370, 400], median: [207, 300, 390, 470, 540, 610], high: [207, 340, 480, 640, 800, 990])
        let hostile = ["<script>alert(1)</script>", "url(http://evil.example)", "a\\b & \"c\"", "onload=x", "www.evil.example", "@import 'x'"]
        let hostileSeries = hostile.enumerated().map { index, name in
            ChartSeries(name: name, values: [Double(index), Double(index + 1), Double(index + 2)])
        }
        return [
            ("line.svg", Chart.line(scenarios, x: .years(years), options: options("market-lines")).svg),
            ("fan.svg", Chart.fan(band, scenarios: scenarios, x: .years(years), options: options("market-fan")).svg),
            ("stacked-area.svg", Chart.stackedArea(vendors, x: .years(years), options: options("shares", .percent(decimals: 1))).svg),
            (
                "grouped-bar.svg",
                Chart.groupedBar(
                    scenarios.map { ChartSeries(name: $0.name, values: Array($0.values.prefix(4)).map { $0 / 1000 }) },
                    categories: ["Nvidia", "AMD", "Google TPU", "Other custom silicon"], options: options("horizon", .percent(decimals: 1))
                ).svg
            ),
            (
                "tornado.svg",
                Chart.tornado(
                    [TornadoRow(label: "Bull CAGR", low: 470, high: 640), TornadoRow(label: "Nvidia target share (Base)", low: 530, high: 552)],
                    base: 540, options: options("tornado")
                ).svg
            ),
            (
                "hostile-names.svg",
                Chart.line(
                    hostileSeries, x: .labels(hostile.prefix(3).map { $0 }),
                    options: ChartOptions(id: hostile[4], title: hostile[0], description: hostile[1])
                ).svg
            ),
        ]
    }

    /// The frozen charts (`RECORD_GOLDEN=1` draws and writes them first).
    static func frozenCharts(recording: Bool) throws -> [[UInt8]] {
        if recording {
            try FileManager.default.createDirectory(at: charts, withIntermediateDirectories: true)
            for (name, svg) in drawnCharts() { try Data(svg.utf8).write(to: charts.appendingPathComponent(name)) }
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: charts.path).filter { $0.hasSuffix(".svg") }.sorted()
        return try names.map { [UInt8](try Data(contentsOf: charts.appendingPathComponent($0))) }
    }

    /// Small documents that reach the corners the charts do not: the document's start and end.
    static let handWritten: [String] = [
        "", " ", "\n", "\u{FEFF}", "not svg", "<", ">", "&", "<svg/>", "<svg></svg>", "<svg>", "</svg>",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg/>",
        "\u{FEFF}\u{FEFF}<?xml version=\"1.0\"?><svg/>",
        " \n\t\r<?xml version=\"1.0\"?><svg/>",
        "é<?xml version=\"1.0\"?><svg/>",
        "<?xml version=\"1.0\"?><?xml version=\"1.0\"?><svg/>",
        "<!-- a --><?xml version=\"1.0\"?><svg/>",
        "<?XML?><svg/>", "<??><svg/>", "<?xml", "<?", "<?xml-stylesheet href=\"a.css\"?><svg/>",
        "<svg/><svg/>", "<svg/>trailing", "<svg/>&#32;&#x9;", "<svg/>&#160;", "&lt;<svg/>", "<svg/><!-- -->\n",
        "<svg/><![CDATA[ ]]>", "<svg/><![CDATA[x]]>", "<![CDATA[]]><svg/>",
        "<svg><style>@import url(x);</style></svg>", "<svg><style/><style></style></svg>",
        "<svg><g><g></g></svg>", "<svg></g>", "<svg></svg >", "<svg></svg\n>", "<svg></ svg>", "<svg></svg x>",
        "<svg a=\"1\"b=\"2\"/>", "<svg a=\"1\" a=\"1\"/>", "<svg a = '1' />", "<svg a=\"1\"", "<svg a=", "<svg a", "<svg\n",
        "<svg>\r\n<g>\r\n</G>\r\n</svg>", "<\u{212A}></K>", "<K></\u{212A}>", "<é></e\u{301}>", "<e\u{301}></é>",
        "<svg \u{212A}=\"1\" K=\"2\"/>", "<svg é=\"1\" e\u{301}=\"2\"/>", "<svg a\u{37E}=\"1\"/>",
        "<svg xmlns:\u{301}=\"urn:x\"/>", "<svg on\u{301}load=\"x\"/>", "<svg href=\"#\u{301}a\"/>", "<svg ON\u{212A}=\"x\"/>",
        "<svg fill=\"-web\u{212A}it-image-set(a)\"/>", "<svg :href=\"x\"/>", "<svg a:b:href=\"x\"/>", "<svg href:=\"x\"/>", "<svg ::href=\"x\"/>",
        "<svg a::onclick=\"x\"/>", "<svg :=\"x\"/>", "<:script/>", "<a:b:script/>", "<script:/>", "<::script/>", "<x:SCRIPT/>",
    ]

    /// What mutations insert: every construct the screen handles, and bytes that are not UTF-8.
    static let snippets: [[UInt8]] = {
        let texts: [String] = [
            // Elements.
            "<script>alert(1)</script>", "<SCRIPT/>", "<svg:script xmlns:svg=\"http://www.w3.org/2000/svg\">x</svg:script>",
            "<foreignObject><div/></foreignObject>", "<handler/>", "<listener>x</listener>", "<html:script xmlns:html=\"http://www.w3.org/1999/xhtml\"/>",
            "<g>", "</g>", "<g/>", "<text>", "</text>", "<a:b:script/>", "<\u{212A}/>", "<ı/>", "</ g>", "</>", "< g>", "<>", "<g", "</g",
            "<style>@import 'x';</style>", "<style>a{fill:url(#x)}</style>", "<style>a{fill:url( 'http://x' )}</style>",
            "<style><![CDATA[x{b:url(y)}]]></style>", "<STYLE>\\</STYLE>", "<svg:style>@import x</svg:style>", "<style>&#64;import x</style>",
            "<style>a &amp; b</style>", "<style>a<!-- c -->@font-face{}</style>", "<style>", "</style>", "<style>src(x)</style>",
            "<style>\u{212A}</style>", "<style>-web\u{212A}it-image-set(a)</style>", "<style>cross-fade(a)ELEMENT(#b)expression(c)</style>",
            String(repeating: "<g>", count: 200) + String(repeating: "</g>", count: 200), String(repeating: "<g>", count: 50),
            // Attributes (placed inside a tag).
            " onload=\"x()\"", " ONCLICK='y'", " xlink:href=\"http://e/x\"", " href=\"#ok\"", " href=\" \n#ok\"", " href=\"\"",
            " src=\"data:x\"", " href=\"&#35;a\"", " HREF='#a'", " attributeName=\"href\"", " attributeName=\" xlink:HREF \"",
            " attributeName=\"onbegin\"", " attributeName=\"fill\"", " attributeName=\"a:b:href\"", " attributeName=\":src\"",
            " style=\"fill:url(#a)\"", " style=\"fill: URL( 'http://x' )\"", " fill=\"u&#114;l(//x)\"", " style=\"a\\62 c\"",
            " style=\"@import 'x'\"", " style=\"-webkit-image-set(x)\"", " fill=\"url(#a) url(b)\"", " fill=\"url(\"", " fill=\"IMAGE(x)\"",
            " xmlns=\"http://www.w3.org/1999/xhtml\"", " xmlns:x=\"http://www.w3.org/1999/xlink\"", " xmlns:evil=\"urn:x\"",
            " xmlns=\"http://www.w3.org/2000/svg\"", " XMLNS=\"urn:x\"", " xmlnsx=\"urn:x\"", " xmlns:=\"urn:x\"",
            " id=\"a\\b(\"", " class=\"url(x)\"", " aria-label=\"url(x)\"", " ARIA-x=\"@import\"", " xml:lang=\"\\\"", " role=\"a(\"",
            " x=1", " x", " =\"1\"", " x=\"1\"y=\"2\"", " dup=\"1\" dup=\"2\"", " d=\"1\" D=\"2\"", " a:b=\"&lt;&gt;&amp;&quot;&apos;\"",
            " v=\"&#x1F600;&#0;\"", " v=\"&#xD800;\"", " v=\"&#1114112;\"", " v=\"&nbsp;\"", " v=\"&#+41;\"", " v=\"&#-0;\"", " v=\"&#x;\"",
            " v=\"&#X41;\"", " v=\"&#65\"", " v=\"& ;\"", " v=\"&a\nb;\"", " v=\"a < b\"", " v=\"unterminated", " v='a\"b'", " v=\"a'b\"",
            " \u{212A}=\"1\" K=\"2\"", " on\u{301}x=\"1\"", " xmlns:\u{301}=\"urn:x\"", " é=\"1\" e\u{301}=\"2\"", " fill=\"#\u{301}a\"",
            " href=\"\u{A0}#a\"", " href=\"\u{85}#a\"", " attributeName=\"\u{A0}href\"", " attributeName=\"HRE\u{212A}\"", " ONÉ=\"1\"",
            " style=\"\u{212A}(\"", " fill=\"é@import\"", " a0=\"\" a1=\"\" a2=\"\" a3=\"\" a4=\"\" a5=\"\" a6=\"\" a7=\"\" a8=\"\" a9=\"\" a0=\"\"",
            (0..<40).map { " n\($0)=\"\($0)\"" }.joined() + " n7=\"x\"", (0..<40).map { " n\($0)=\"\($0)\"" }.joined() + " on=\"x\"",
            // Text and other markup.
            "&amp;", "&bogus;", "& no", "&#32;", "&", "&;", "&#;", "&#38;", "&#60;", "&lt;script&gt;", "&toolongentityname;",
            "<![CDATA[ url(http://x) ]]>", "<![CDATA[", "<![cdata[x]]>", "]]>", "<!-- c -->", "<!-->", "<!--->", "<!--", "-->",
            "<!DOCTYPE svg>", "<!ENTITY x 'y'>", "<!>", "<?xml version=\"1.0\"?>", "<?xml-stylesheet href=\"x\"?>", "<?pi", "<??>",
            "<?é x?>", "text", "é", "\u{212A}", "\u{FEFF}", "\n", "\r\n", "\r", "\t", "x\ny", "   ", "\u{A0}", "🚀", "e\u{301}",
        ]
        let invalid: [[UInt8]] = [
            [0xFF], [0xFE], [0x80], [0xC3], [0xC0, 0x80], [0xC1, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xE0, 0x80, 0x80],
            [0xF0, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x80], [0xF0, 0x9F, 0x9A],
            [0xEF, 0xBF, 0xBE], [0xF4, 0x8F, 0xBF, 0xBF], [0xC2, 0xA0], [0xE2, 0x80, 0x93], [0x00],
        ]
        return texts.map { Array($0.utf8) } + invalid
    }()

    /// Bytes a mutation writes over one byte.
    static let interestingBytes: [UInt8] = Array("<>&\"'=/!?-:;# \n\r\tabAZ(@\\".utf8) + [0x00, 0x80, 0xBF, 0xC3, 0xE2, 0xF0, 0xFF]

    /// Every input: the charts, the hand-written documents, and the mutations.
    static func inputs(recording: Bool) throws -> [[UInt8]] {
        let charts = try frozenCharts(recording: recording)
        let bases = charts + handWritten.map { Array($0.utf8) }
        var random = SeededRandom(seed: seed)
        var inputs = bases
        for _ in 0..<mutationCount {
            // Charts more often than the small documents: they hold every kind of place.
            var bytes = random.below(4) == 0 ? random.pick(bases) : random.pick(charts)
            for _ in 0...random.below(3) { mutate(&bytes, &random) }
            inputs.append(bytes)
        }
        return inputs
    }

    private static func mutate(_ bytes: inout [UInt8], _ random: inout SeededRandom) {
        switch random.below(10) {
        case 0...4:
            let snippet = random.pick(snippets)
            bytes.insert(contentsOf: snippet, at: place(snippet, in: bytes, &random))
        case 5:
            let start = random.below(bytes.count + 1)
            bytes.removeSubrange(start..<min(bytes.count, start + 1 + random.below(40)))
        case 6:
            bytes.removeSubrange(random.below(bytes.count + 1)...)
        case 7:
            guard !bytes.isEmpty else { return }
            bytes[random.below(bytes.count)] = random.pick(interestingBytes)
        case 8:
            let start = random.below(bytes.count + 1)
            let range = start..<min(bytes.count, start + 1 + random.below(200))
            bytes.insert(contentsOf: bytes[range], at: random.below(bytes.count + 1))
        default:
            // A prefix or a suffix: the document's edges.
            let edge: [[UInt8]] = [[0xEF, 0xBB, 0xBF], Array("<?xml version=\"1.0\"?>\n".utf8), Array(" \n".utf8), Array("x".utf8), Array("<svg/>".utf8)]
            if random.below(2) == 0 { bytes.insert(contentsOf: random.pick(edge), at: 0) } else { bytes += random.pick(edge) }
        }
    }

    /// Where to insert: mostly where the snippet means something (an attribute inside a tag,
    /// before its `>` or `/>`; markup and text between tags), else inside a value (after `="`) or
    /// at any byte.
    private static func place(_ snippet: [UInt8], in bytes: [UInt8], _ random: inout SeededRandom) -> Int {
        let isAttribute = snippet.first == UInt8(ascii: " ") && snippet.contains(UInt8(ascii: "="))
        let kind = random.below(4) < 3 ? (isAttribute ? 1 : 0) : 2 + random.below(2)
        let candidates: [Int]
        switch kind {
        case 0: candidates = bytes.indices.filter { bytes[$0] == UInt8(ascii: ">") }.map { $0 + 1 }
        case 1:
            candidates = bytes.indices.filter { bytes[$0] == UInt8(ascii: ">") }.map { $0 > 0 && bytes[$0 - 1] == UInt8(ascii: "/") ? $0 - 1 : $0 }
        case 2: candidates = bytes.indices.filter { $0 > 0 && bytes[$0 - 1] == UInt8(ascii: "=") && bytes[$0] == UInt8(ascii: "\"") }.map { $0 + 1 }
        default: candidates = []
        }
        return candidates.isEmpty ? random.below(bytes.count + 1) : random.pick(candidates)
    }

    /// FNV-1a (64 bits) of `bytes`, in hex: names an input in the golden.
    static func hash(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// One golden line: the input's hash and its findings, tab-separated, control characters escaped.
    static func line(_ bytes: [UInt8], _ findings: [SVGSanitizer.Finding]) -> String {
        ([hash(bytes)] + findings.map { escaped($0.description) }).joined(separator: "\t")
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "\\" {
                out += "\\\\"
            } else if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
