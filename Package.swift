// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "briefing",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "briefing", targets: ["briefing"]),
        .library(name: "Templating", targets: ["Templating"]),
        .library(name: "MarkdownHTML", targets: ["MarkdownHTML"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already used by Hummingbird; named for the preview's event stream (graceful shutdown).
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        /// The one C boundary: cmark-gfm and its core extensions from Debian's -dev packages.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        /// A per-thread bump allocator for cmark-gfm's trees (cmark-gfm's own arena is one per process).
        .target(name: "CMarkArena"),
        .target(name: "MarkdownHTML", dependencies: ["CCmarkGFM", "CMarkArena"]),
        /// Python-exact float formatting for the template engine (printf needs C varargs).
        .target(name: "CFloatFormat"),
        .target(name: "Templating", dependencies: ["CFloatFormat"]),
        /// Atomic exchange of two paths for the report writer (renameat2 is not callable from Swift).
        .target(name: "CFileSwap"),
        /// The one home of low-level file writing: whole writes, files created whole, replaced in one
        /// rename, and exchanged atomically (over CFileSwap). Internal to the package.
        .target(name: "FileIO", dependencies: ["CFileSwap"]),
        /// The projection math: scenario paths, weighting, Monte Carlo, sensitivity. No I/O.
        /// Optimized in debug builds too: unoptimized, its 10,000-path Monte Carlo takes seconds
        /// instead of hundredths, and `briefing serve` (a debug build under `swift run`, the tests
        /// and `make site-checks`) rebuilds the draft briefing on every save. Plain IEEE arithmetic
        /// either way (no fast-math), so the figures are the same bytes.
        .target(name: "Projections", swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        /// SVG charts (line, fan, stacked area, grouped bar, tornado) with their data tables. No dependencies.
        .target(name: "Charts"),
        /// Data/ formats: loading, validation and located diagnostics (Markdown bodies are screened
        /// with MarkdownHTML for what the linked cmark-gfm renders slowly).
        .target(
            name: "Workspace",
            dependencies: ["MarkdownHTML", .product(name: "Yams", package: "Yams"), .product(name: "CSV", package: "CSV.swift")]
        ),
        /// The product's own logic over the engines: template filters, data documents, and later
        /// the workspace, projections, briefing context, charts and site.
        .target(
            name: "Briefing",
            dependencies: [
                "Templating", "MarkdownHTML", "Workspace", "Projections", "Charts", "FileIO", "CFloatFormat",
                .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            plugins: ["EmbedTemplates"]
        ),
        /// Writes the Swift source that embeds Templates/ in Briefing (run by the plugin below).
        .executableTarget(name: "TemplateEmbedder"),
        /// Runs TemplateEmbedder on every build whose Templates/ changed: the built-in templates
        /// have one source, the folder, and no generated copy is checked in.
        .plugin(name: "EmbedTemplates", capability: .buildTool(), dependencies: ["TemplateEmbedder"]),
        /// `briefing serve`: the authors' preview server (Hummingbird). A target of its own so that the
        /// core libraries build without the server stack.
        .target(
            name: "BriefingServer",
            dependencies: [
                "Briefing", "MarkdownHTML", "Templating", "Workspace",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "BriefingCLI",
            dependencies: [
                "Briefing",
                "BriefingServer",
                "FileIO",
                "MarkdownHTML",
                "Templating",
                "Workspace",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "briefing", dependencies: ["BriefingCLI"]),
        /// Clock and peak memory for the benchmark executables below (not part of the product).
        .target(name: "BenchmarkSupport"),
        /// Renders a template many times for scripts/bench-templates (not part of the product).
        .executableTarget(name: "TemplateBenchmark", dependencies: ["Templating", "BenchmarkSupport"]),
        /// Times one Monte Carlo run for scripts/bench-projections (not part of the product).
        .executableTarget(name: "ProjectionBenchmark", dependencies: ["Projections", "BenchmarkSupport"]),
        /// What the test targets share: temporary folders, running the built `briefing`, one seeded
        /// random number generator, and fixture workspaces written as a base plus overlays.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "MarkdownHTMLTests", dependencies: ["MarkdownHTML"]),
        .testTarget(name: "TemplatingTests", dependencies: ["Templating", "TestSupport"], exclude: ["Corpus"]),
        .testTarget(name: "ProjectionsTests", dependencies: ["Projections"], exclude: ["Reference"]),
        /// Chart SVGs parse, stay inside their viewBox, read the same twice; nice-tick tables.
        .testTarget(name: "ChartsTests", dependencies: ["Charts"]),
        .testTarget(
            name: "WorkspaceTests", dependencies: ["Workspace", "TestSupport", .product(name: "Yams", package: "Yams")], exclude: ["Fixtures"]),
        .testTarget(name: "BriefingTests", dependencies: ["Briefing", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "BriefingCLITests",
            dependencies: ["BriefingCLI", "TestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        /// Path resolution, content types, and a real server on a loopback port.
        .testTarget(name: "BriefingServerTests", dependencies: ["BriefingServer", "Briefing", "Workspace", "TestSupport"]),
    ]
)

// Strict settings for every target, in one place.
for target in package.targets where target.type != .system && target.type != .plugin && !["CFloatFormat", "CFileSwap", "CMarkArena"].contains(target.name) {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
