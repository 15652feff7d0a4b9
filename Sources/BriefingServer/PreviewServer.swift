import Dispatch
import Foundation
import Hummingbird
import HummingbirdCore
import Workspace

/// What the preview server reports while it runs; the CLI prints it.
package enum PreviewEvent: Sendable, Equatable {
    /// The server accepts requests at this address (with the real port when 0 was asked for).
    case listening(URL)
    /// A build starts: the first one (no paths), or because these workspace files changed.
    case building(changed: [String])
    /// The site was built into the preview folder. `warnings` are the workspace's warnings when
    /// they differ from the previous successful build's (all of them after the first build).
    case built(rendered: Int, reused: Int, warnings: [String], seconds: Double)
    /// The build failed; requests get an error page with these problems until a build succeeds.
    case failed(problems: [Problem])
}

/// `briefing serve`: builds the site into a preview folder and the current period's draft briefing
/// into its scratch folder, serves both over HTTP, and rebuilds them when a file in `Data/`,
/// `Templates/` or `Reports/` (or `briefing.yaml`, `docs/methodology.md`) changes; open pages
/// reload after every build (``LiveReload``). The published site, `Reports/` and
/// `Reports/published.json` are never touched.
@available(macOS 14, iOS 17, tvOS 17, *)
package struct PreviewServer: Sendable {
    package struct Configuration: Sendable {
        package var workspaceRoot: URL
        /// The preview folder, swapped in atomically on every build.
        package var destination: URL
        /// The draft briefing's scratch folder (default: the preview folder's sibling `<name>-draft`);
        /// `nil` builds no draft.
        package var draft: URL?
        /// The draft's as-of date (default: today in the workspace's time zone).
        package var asOf: Day?
        /// The version written into the draft briefing.
        package var toolVersion: String
        package var host: String
        /// 0 picks a free port (reported by ``PreviewEvent/listening(_:)``).
        package var port: Int
        /// Put before workspace paths in diagnostics (the workspace as the user named it).
        package var displayPrefix: String
        /// How often the workspace is checked for changes.
        package var pollInterval: Duration
        /// After a change, how long the files must stay unchanged before the rebuild (one rebuild
        /// per burst of writes, e.g. `briefing weekly` writing a period folder).
        package var quietPeriod: Duration
        /// A connection that has not sent a complete request head for this long (a new one, one
        /// between requests, or one sending its head byte by byte) is closed.
        package var idleTimeout: Duration
        /// Connections served at once; further ones wait in the listen queue until one closes.
        package var maxConnections: Int
        /// The text of the error page for the problems of a failed build; the CLI passes its own
        /// printer's, so that the page reads as the terminal does.
        package var describe: @Sendable ([Problem]) -> String = { $0.map(\.description).joined(separator: "\n") }

        package init(
            workspaceRoot: URL, destination: URL, host: String = "127.0.0.1", port: Int = 8080, displayPrefix: String = "",
            pollInterval: Duration = .milliseconds(100), quietPeriod: Duration = .milliseconds(80), idleTimeout: Duration = .seconds(10),
            maxConnections: Int = 64, draft: URL?? = .none, asOf: Day? = nil, toolVersion: String = "preview"
        ) {
            self.workspaceRoot = workspaceRoot
            self.destination = destination
            switch draft {
            case .none: self.draft = DraftBriefing.folder(besides: destination)
            case .some(let chosen): self.draft = chosen
            }
            self.asOf = asOf
            self.toolVersion = toolVersion
            self.host = host
            self.port = port
            self.displayPrefix = displayPrefix
            self.pollInterval = pollInterval
            self.quietPeriod = quietPeriod
            self.idleTimeout = idleTimeout
            self.maxConnections = maxConnections
        }
    }

    package let configuration: Configuration

    package init(_ configuration: Configuration) {
        self.configuration = configuration
    }

    /// Runs until Ctrl-C or SIGTERM (with `handlingSignals`), or until the calling task is
    /// cancelled; throws when the address cannot be bound.
    package func run(handlingSignals: Bool = true, report: @escaping @Sendable (PreviewEvent) -> Void) async throws {
        let state = PreviewState()
        let (bound, boundContinuation) = AsyncStream.makeStream(of: Int.self)
        let requestedPort = configuration.port
        let idle = configuration.idleTimeout.components
        var application = Application(
            responder: PreviewResponder(
                site: configuration.destination, draft: configuration.draft, state: state, hosts: AllowedHosts(boundHost: configuration.host)),
            // The idle timeout also bounds how long a request head may take to arrive: the
            // connection counts as active only once a whole head has been read.
            server: .http1(configuration: .init(idleTimeout: .nanoseconds(idle.seconds * 1_000_000_000 + idle.attoseconds / 1_000_000_000))),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections)),
            onServerRunning: { channel in
                boundContinuation.yield(channel.localAddress?.port ?? requestedPort)
                boundContinuation.finish()
            }
        )
        // The CLI reports what matters; the framework's own lines would only repeat it. A caller
        // that stops the server by cancelling it gets no lines about the cancellation either.
        application.logger.logLevel = handlingSignals ? .warning : .critical
        let server = application
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                if handlingSignals { try await server.runService() } else { try await server.run() }
            }
            group.addTask {
                var port: Int?
                for await value in bound {
                    port = value
                    break
                }
                guard let port else { return }
                let address = self.address(port: port)
                report(.listening(address))
                await self.watch(baseURL: address.absoluteString, state: state, report: report)
                await state.stop(page: self.configuration.describe([Problem(.environment, "the preview server stopped before the site was built")]))
            }
            // The server returns after a graceful shutdown (or throws when it cannot bind); the
            // watcher then stops between builds.
            try await group.next()
            group.cancelAll()
        }
    }

    func address(port: Int) -> URL {
        var host = configuration.host
        if host == "0.0.0.0" || host == "::" || host.isEmpty { host = "127.0.0.1" }
        if host.contains(":") { host = "[\(host)]" }
        return URL(string: "http://\(host):\(port)/")!
    }

    /// Builds once, then polls for changes and rebuilds after each burst, until cancelled.
    func watch(baseURL: String, state: PreviewState, report: @escaping @Sendable (PreviewEvent) -> Void) async {
        let watcher = ChangeWatcher(root: configuration.workspaceRoot)
        var builder = PreviewBuilder(root: configuration.workspaceRoot, destination: configuration.destination, displayPrefix: configuration.displayPrefix)
        builder.asOf = configuration.asOf
        builder.draft = configuration.draft.map { DraftBriefing(folder: $0, root: configuration.workspaceRoot, toolVersion: configuration.toolVersion) }
        var seen = watcher.snapshot()
        var warnings: [String]?
        await rebuild(builder, baseURL: baseURL, changed: [], warnings: &warnings, state: state, report: report)
        let clock = ContinuousClock()
        while !Task.isCancelled {
            do { try await Task.sleep(for: configuration.pollInterval) } catch { return }
            var current = watcher.snapshot()
            guard current != seen else { continue }
            // Debounce: wait until the files stop changing (at most a few seconds).
            let deadline = clock.now + .seconds(5)
            while clock.now < deadline {
                do { try await Task.sleep(for: configuration.quietPeriod) } catch { return }
                let next = watcher.snapshot()
                if next == current { break }
                current = next
            }
            let changed = ChangeWatcher.changes(from: seen, to: current)
            seen = current
            await rebuild(builder, baseURL: baseURL, changed: changed, warnings: &warnings, state: state, report: report)
        }
    }

    private func rebuild(
        _ builder: PreviewBuilder, baseURL: String, changed: [String], warnings previous: inout [String]?, state: PreviewState,
        report: @escaping @Sendable (PreviewEvent) -> Void
    ) async {
        report(.building(changed: changed))
        let start = ContinuousClock.now
        // Building renders and writes files: keep it off the threads that answer requests.
        let outcome = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: builder.build(baseURL: baseURL)) }
        }
        let elapsed = ContinuousClock.now - start
        switch outcome {
        case .built(let rendered, let reused, let warnings):
            await state.update(.ready)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            report(.built(rendered: rendered, reused: reused, warnings: warnings == previous ? [] : warnings, seconds: seconds))
            previous = warnings
        case .failed(let problems):
            await state.update(.failed(configuration.describe(problems)))
            report(.failed(problems: problems))
        }
    }
}
