import Foundation

/// `briefing.yaml` and `Data/sources.yaml`.
extension LoadContext {
    static let manifest = "briefing.yaml"

    func loadConfig() -> WorkspaceConfig? {
        guard let text = read(LoadContext.manifest) else { return nil }
        let document = YAMLDocument(text: text, file: display(LoadContext.manifest), sink: sink)
        guard var reader = MappingReader(document.root, in: document, sink: sink, what: "workspace configuration") else { return nil }
        let title = reader.string("title", required: true)
        let team = reader.string("team", required: true)
        let cadence = reader.choice("cadence", Cadence.allCases.map(\.rawValue)).flatMap(Cadence.init) ?? .weekly
        let timezone = timeZone(&reader)
        let baseURL = baseURL(&reader)
        var disclaimer = reader.string("disclaimer") ?? ""
        var compliance = WorkspaceConfig.Compliance()
        if var complianceReader = reader.mapping("compliance", what: "compliance settings") {
            func text(_ key: String) -> String? {
                complianceReader.string(key).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
            }
            if let own = text("disclaimer") { disclaimer = own }
            compliance = .init(author: text("author"), marking: text("marking"), certification: text("certification"))
            complianceReader.finish()
        }
        if var defaultsReader = reader.mapping("defaults", what: "defaults") {
            readDefaults(&defaultsReader)
        }
        let siteDirectory = siteDirectory(&reader)
        let editions = readEditions(&reader)
        if let kinds = reader.strings("vendor_kinds") {
            for (kind, location) in kinds where !LoadContext.isSlug(kind) {
                sink.error("vendor kind \(quoted(kind)) is not a slug: use lowercase letters, digits and single hyphens, starting with a letter", at: location)
            }
            vendorKinds = kinds.map(\.0).filter(LoadContext.isSlug)
        }
        if var limitsReader = reader.mapping("limits", what: "limits") {
            readLimits(&limitsReader)
        }
        reader.finish()
        guard let title, let team else { return nil }
        var config = WorkspaceConfig(
            title: title, team: team, cadence: cadence, timezone: timezone, baseURL: baseURL, disclaimer: disclaimer,
            defaults: defaults, siteDirectory: siteDirectory)
        config.limits = limits
        config.editions = editions
        config.compliance = compliance
        config.vendorKinds = vendorKinds
        return config
    }

    /// The largest value a limit may take, so that KiB and MiB convert to bytes without overflow.
    static let largestLimit = 1_000_000_000

    /// `limits:`: each key a whole number from 1 to its largest value (`largestLimit`, or less where
    /// a larger value would give up a guarantee: the template engine's nesting depth is what keeps
    /// compiling within the stack, and about 2,000 levels overflow it).
    private func readLimits(_ reader: inout MappingReader) {
        func read(_ key: String, into value: inout Int, largest: Int = LoadContext.largestLimit) {
            guard let number = reader.int(key) else { return }
            guard (1...largest).contains(number) else {
                sink.error(
                    "'\(key)' must be a whole number from 1 to \(largest), got \(number)",
                    at: reader.location(of: reader.value(key)!))
                return
            }
            value = number
        }
        read("markdown_body_kib", into: &limits.markdownBodyKiB)
        read("template_output_mib", into: &limits.templateOutputMiB)
        read("template_loop_iterations", into: &limits.templateLoopIterations)
        read("template_nesting_depth", into: &limits.templateNestingDepth, largest: 500)
        read("template_call_depth", into: &limits.templateCallDepth, largest: 1_000)
        reader.finish()
    }

    /// `site: {dir: PATH}`: the workspace's site folder (default `Site`).
    private func siteDirectory(_ reader: inout MappingReader) -> String {
        guard var site = reader.mapping("site", what: "site settings") else { return "Site" }
        defer { site.finish() }
        guard let node = site.node("dir"),
            let dir = MappingReader.string(node, key: "dir", document: site.document, sink: sink)
        else { return "Site" }
        guard !dir.allSatisfy(\.isWhitespace) else {
            sink.error("'dir' must name the site's folder, got an empty string", at: site.location(of: node))
            return "Site"
        }
        return dir
    }

    private func timeZone(_ reader: inout MappingReader) -> String {
        guard let node = reader.node("timezone"),
            let name = MappingReader.string(node, key: "timezone", document: reader.document, sink: sink)
        else { return "UTC" }
        guard TimeZoneCheck.isKnown(name) else {
            sink.error("\(quoted(name)) is not a known time zone (use an IANA name such as America/New_York)", at: reader.location(of: node))
            return "UTC"
        }
        return name
    }

    private func baseURL(_ reader: inout MappingReader) -> String? {
        guard let node = reader.node("base_url"),
            let url = MappingReader.string(node, key: "base_url", document: reader.document, sink: sink)
        else { return nil }
        guard url.hasPrefix("https://") || url.hasPrefix("http://"), url.count > 8, !url.contains(" ") else {
            sink.error("'base_url' must be an absolute http(s) address, got \(quoted(url))", at: reader.location(of: node))
            return nil
        }
        return url.hasSuffix("/") ? url : url + "/"
    }

    private func readDefaults(_ reader: inout MappingReader) {
        if let horizon = reader.int("horizon") {
            if (2000...2100).contains(horizon) { defaults.horizon = horizon } else {
                sink.error("'horizon' must be a year between 2000 and 2100, got \(horizon)", at: reader.location(of: reader.value("horizon")!))
            }
        }
        if var monteCarlo = reader.mapping("monte_carlo", what: "Monte Carlo settings") {
            if let paths = monteCarlo.int("paths") {
                if (1...10_000_000).contains(paths) { defaults.monteCarloPaths = paths } else {
                    sink.error("'paths' must be between 1 and 10,000,000, got \(paths)", at: monteCarlo.location(of: monteCarlo.value("paths")!))
                }
            }
            if let seed = monteCarlo.int("seed") {
                if seed >= 0 { defaults.monteCarloSeed = UInt64(seed) } else {
                    sink.error("'seed' must not be negative", at: monteCarlo.location(of: monteCarlo.value("seed")!))
                }
            }
            monteCarlo.finish()
        }
        if let count = reader.int("takeaways") {
            if (1...50).contains(count) { defaults.takeaways = count } else {
                sink.error("'takeaways' must be between 1 and 50, got \(count)", at: reader.location(of: reader.value("takeaways")!))
            }
        }
        if let days = reader.int("first_briefing_lookback_days") {
            if (0...3660).contains(days) { defaults.firstBriefingLookbackDays = days } else {
                sink.error("'first_briefing_lookback_days' must be between 0 and 3660, got \(days)",
                           at: reader.location(of: reader.value("first_briefing_lookback_days")!))
            }
        }
        if var thresholds = reader.mapping("thresholds", what: "change thresholds") {
            defaults.thresholds.marketSizePercent = nonNegative(&thresholds, "market_size_pct") ?? defaults.thresholds.marketSizePercent
            defaults.thresholds.sharePP = nonNegative(&thresholds, "share_pp") ?? defaults.thresholds.sharePP
            defaults.thresholds.probabilityPP = nonNegative(&thresholds, "probability_pp") ?? defaults.thresholds.probabilityPP
            defaults.thresholds.revenueAbs = nonNegative(&thresholds, "revenue_abs") ?? defaults.thresholds.revenueAbs
            thresholds.finish()
        }
        if var sensitivity = reader.mapping("sensitivity", what: "sensitivity steps") {
            // Fractions: a CAGR step beyond ±100 pp, a probability step beyond 1 or a share
            // factor beyond 1 (a negative share) has no meaning.
            defaults.sensitivity.cagrStep = fraction(&sensitivity, "cagr_step") ?? defaults.sensitivity.cagrStep
            defaults.sensitivity.probabilityStep = fraction(&sensitivity, "probability_step") ?? defaults.sensitivity.probabilityStep
            defaults.sensitivity.shareFactor = fraction(&sensitivity, "share_factor") ?? defaults.sensitivity.shareFactor
            sensitivity.finish()
        }
        if var validation = reader.mapping("validation", what: "validation settings") {
            defaults.shareTolerancePP = nonNegative(&validation, "share_tolerance_pp") ?? defaults.shareTolerancePP
            if let days = validation.int("stale_narrative_days") {
                if days > 0 { defaults.staleNarrativeDays = days } else {
                    sink.error("'stale_narrative_days' must be positive", at: validation.location(of: validation.value("stale_narrative_days")!))
                }
            }
            validation.finish()
        }
        reader.finish()
    }

    /// A value from 0 to 1.
    private func fraction(_ reader: inout MappingReader, _ key: String) -> Double? {
        guard let value = nonNegative(&reader, key) else { return nil }
        guard value <= 1 else {
            sink.error("'\(key)' must be at most 1, got \(LoadContext.number(value, differingFrom: 1))", at: reader.location(of: reader.value(key)!))
            return nil
        }
        return value
    }

    private func nonNegative(_ reader: inout MappingReader, _ key: String) -> Double? {
        guard let value = reader.double(key) else { return nil }
        guard value >= 0 else {
            sink.error("'\(key)' must not be negative, got \(LoadContext.number(value, differingFrom: 0))", at: reader.location(of: reader.value(key)!))
            return nil
        }
        return value
    }

    /// `Data/sources.yaml`: a list of sources with ids. Optional (inline sources still work).
    func loadSourceRegistry() -> [Source] {
        let path = "Data/sources.yaml"
        guard FileManagerCheck.exists(url(path)) else { return [] }
        guard let text = read(path) else {
            registryFailed = true
            return []
        }
        let document = YAMLDocument(text: text, file: display(path), sink: sink)
        guard let root = document.root else {
            registryFailed = document.failed
            return []
        }
        guard case .sequence(let entries) = root else {
            sink.error("expected a list of sources, got \(MappingReader.kind(of: root))", at: document.location(of: root))
            registryFailed = true
            return []
        }
        var sources: [Source] = []
        var seen: [String: Location] = [:]
        for entry in entries {
            guard var reader = MappingReader(entry, in: document, sink: sink, what: "source") else { continue }
            guard let (id, location) = self.id(from: &reader) else {
                // The id is missing or invalid: the entry's other fields are still checked.
                _ = inlineSource(&reader, id: nil)
                continue
            }
            if let first = seen[id] {
                sink.error("duplicate source id '\(id)' (first defined at line \(first.line ?? 0))", at: location)
                _ = inlineSource(&reader, id: id)
                continue
            }
            seen[id] = location
            if let source = inlineSource(&reader, id: id) {
                sources.append(source)
                registry[id] = source
            } else {
                brokenSourceIDs.insert(id)
            }
        }
        return sources.sorted { ($0.id ?? "") < ($1.id ?? "") }
    }
}
