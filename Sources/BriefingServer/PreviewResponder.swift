import Foundation
import Hummingbird

/// Answers every request from the built site: the file a path resolves to, the site's `404.html`
/// for anything else, and the error page while the latest build failed. Requests for another host
/// than the preview's own get a bare 421 first, whatever they ask for.
@available(macOS 14, iOS 17, tvOS 17, *)
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    /// The preview folder.
    let site: URL
    let state: PreviewState
    let hosts: AllowedHosts
    /// Files are sent in chunks of this size, read as the client takes them.
    var chunkLength = 64 * 1024
    private let files = FileIO()

    init(site: URL, state: PreviewState, hosts: AllowedHosts) {
        self.site = site
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
        let response: Response
        switch await state.current() {
        case .failed(let diagnostics):
            response = Self.page(.internalServerError, Data(PreviewErrorPage.html(diagnostics: diagnostics).utf8), type: "text/html; charset=utf-8")
        case .ready:
            response = await serve(request.uri.path, context: context)
        }
        return request.method == .head ? response.createHeadResponse() : response
    }

    func serve(_ path: String, context: Context) async -> Response {
        switch SitePath.resolve(path, in: site.path) {
        case .file(let file):
            // Streamed: a large file is never held whole, however many clients read it slowly.
            guard let body = try? await files.loadFile(path: file, context: context, chunkLength: chunkLength) else { return notFound() }
            return Response(status: .ok, headers: Self.headers(type: SiteContentType.of(file)), body: body)
        case .redirect(let location):
            return Self.text(.found, "Moved to \(location)\n", extra: [.location: location])
        case .notFound, .refused:
            return notFound()
        }
    }

    /// The site's own 404 page, or a line of text when the site has none.
    private func notFound() -> Response {
        guard let data = FileManager.default.contents(atPath: site.appendingPathComponent("404.html").path) else {
            return Self.text(.notFound, "Not found\n")
        }
        return Self.page(.notFound, data, type: "text/html; charset=utf-8")
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
