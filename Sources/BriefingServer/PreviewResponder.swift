import Foundation
import Hummingbird
import ServiceLifecycle

/// Answers every request from the built site: the file a path resolves to, the draft briefing under
/// `/_draft/`, the site's `404.html` for anything else, and the error page while the latest build
/// failed; `/_preview/events` is the live-reload event stream, and every HTML page sent gets the
/// live-reload script (``LiveReload``). Requests for another host than the preview's own get a
/// bare 421 first, whatever they ask for.
@available(macOS 14, iOS 17, tvOS 17, *)
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    /// The preview folder.
    let site: URL
    /// The draft briefing's folder, when the preview builds one.
    var draft: URL?
    let state: PreviewState
    let hosts: AllowedHosts
    /// Files are sent in chunks of this size, read as the client takes them.
    var chunkLength = 64 * 1024
    /// HTML files up to this size are read whole to add the live-reload script; larger ones (no
    /// page of a site comes near it) are streamed as they are.
    var injectLimit = 2 * 1024 * 1024
    /// How often an idle event stream sends a comment line.
    var heartbeat: Duration = .seconds(15)
    private let files = FileIO()

    init(site: URL, draft: URL? = nil, state: PreviewState, hosts: AllowedHosts) {
        self.site = site
        self.draft = draft
        self.state = state
        self.hosts = hosts
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        guard hosts.allows(request.head.authority) else {
            // No body: a page of another site must learn nothing from the answer.
            var headers = HTTPFields()
            headers[.cacheControl] = "no-store"
            return Response(status: .misdirectedRequest, headers: headers, body: ResponseBody())
        }
        guard request.method == .get || request.method == .head else {
            return Self.text(.methodNotAllowed, "Method not allowed\n", extra: [.allow: "GET, HEAD"])
        }
        if SitePath.withoutQuery(request.uri.path) == LiveReload.eventsPath {
            return request.method == .head ? events().createHeadResponse() : events()
        }
        let response: Response
        let (status, generation) = await state.currentWithGeneration()
        switch status {
        case .failed(let diagnostics):
            let page = LiveReload.inject(into: Data(PreviewErrorPage.html(diagnostics: diagnostics).utf8), generation: generation)
            response = Self.page(.internalServerError, page, type: "text/html; charset=utf-8")
        case .ready:
            response = await serve(request.uri.path, generation: generation, context: context)
        }
        return request.method == .head ? response.createHeadResponse() : response
    }

    func serve(_ path: String, generation: Int, context: Context) async -> Response {
        var folder = site
        var sitePath = path
        if let draft, path.hasPrefix(DraftBriefing.urlPath) || SitePath.withoutQuery(path) + "/" == DraftBriefing.urlPath {
            folder = draft
            sitePath = "/" + path.dropFirst(DraftBriefing.urlPath.count)
            if SitePath.withoutQuery(path) + "/" == DraftBriefing.urlPath {
                return Self.text(.found, "Moved to \(DraftBriefing.urlPath)\n", extra: [.location: DraftBriefing.urlPath])
            }
            if SitePath.withoutQuery(sitePath) == "/" { sitePath = "/briefing.html" }
        }
        switch SitePath.resolve(sitePath, in: folder.path) {
        case .file(let file):
            let type = SiteContentType.of(file)
            if type.hasPrefix("text/html"), let size = Self.size(of: file), size <= injectLimit,
                let data = FileManager.default.contents(atPath: file)
            {
                return Self.page(.ok, LiveReload.inject(into: data, generation: generation), type: type)
            }
            // Streamed: a large file is never held whole, however many clients read it slowly.
            guard let body = try? await files.loadFile(path: file, context: context, chunkLength: chunkLength) else {
                return notFound(generation: generation)
            }
            return Response(status: .ok, headers: Self.headers(type: type), body: body)
        case .redirect(let location):
            let shown = folder == site ? location : DraftBriefing.urlPath + location.dropFirst()
            return Self.text(.found, "Moved to \(shown)\n", extra: [.location: shown])
        case .notFound, .refused:
            return notFound(generation: generation)
        }
    }

    /// The live-reload stream: the current generation, then one event per build, a comment line
    /// while idle; it ends when the client goes, the server stops or shuts down gracefully.
    private func events() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.xContentTypeOptions] = "nosniff"
        let state = self.state
        let heartbeat = self.heartbeat
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: LiveReload.preamble))
            let generations = await state.listen()
            let (messages, sink) = AsyncStream.makeStream(of: String.self)
            let forward = Task {
                for await generation in generations { sink.yield(LiveReload.event(generation: generation)) }
                sink.finish()
            }
            let beat = Task {
                while !Task.isCancelled {
                    do { try await Task.sleep(for: heartbeat) } catch { return }
                    sink.yield(LiveReload.heartbeat)
                }
            }
            defer {
                forward.cancel()
                beat.cancel()
            }
            for await message in messages.cancelOnGracefulShutdown() {
                try await writer.write(ByteBuffer(string: message))
            }
            try await writer.finish(nil)
        })
    }

    /// The site's own 404 page, or a line of text when the site has none.
    private func notFound(generation: Int) -> Response {
        guard let data = FileManager.default.contents(atPath: site.appendingPathComponent("404.html").path) else {
            return Self.text(.notFound, "Not found\n")
        }
        return Self.page(.notFound, LiveReload.inject(into: data, generation: generation), type: "text/html; charset=utf-8")
    }

    private static func size(of path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
    }

    private static func headers(type: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = type
        // A preview is always the latest build.
        headers[.cacheControl] = "no-store"
        headers[.xContentTypeOptions] = "nosniff"
        return headers
    }

    private static func page(_ status: HTTPResponse.Status, _ data: Data, type: String) -> Response {
        Response(status: status, headers: headers(type: type), body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static func text(_ status: HTTPResponse.Status, _ text: String, extra: HTTPFields = [:]) -> Response {
        var response = page(status, Data(text.utf8), type: "text/plain; charset=utf-8")
        response.headers.append(contentsOf: extra)
        return response
    }
}
