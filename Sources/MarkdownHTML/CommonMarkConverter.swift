// The one file that calls cmark-gfm. Nothing from CCmarkGFM leaves it.
import CCmarkGFM
import CMarkArena
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

enum CommonMarkConverter {
    /// The GitHub syntax extensions attached to every parser. Footnotes are not an
    /// extension in cmark-gfm but the parser option `CMARK_OPT_FOOTNOTES`.
    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    /// The extensions, looked up once after the core extensions are registered.
    /// Swift runs a `static let` initialiser exactly once and thread-safely, so
    /// registration happens once, before the first lookup, whatever the thread.
    private static let syntaxExtensions = SyntaxExtensions()

    private struct SyntaxExtensions: @unchecked Sendable {
        // Global, immutable after registration; cmark-gfm only reads them.
        let all: [OpaquePointer]

        init() {
            cmark_gfm_core_extensions_ensure_registered()
            all = CommonMarkConverter.extensionNames.map { name in
                guard let syntaxExtension = cmark_find_syntax_extension(name) else {
                    preconditionFailure("cmark-gfm has no '\(name)' extension")
                }
                return syntaxExtension
            }
        }
    }

    static func cmarkOptions(for options: MarkdownRenderer.Options) -> Int32 {
        var flags = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES
        if options.contains(.unsafeHTML) { flags |= CMARK_OPT_UNSAFE }
        if options.contains(.smartPunctuation) { flags |= CMARK_OPT_SMART }
        return flags
    }

    // MARK: - Renders on every thread

    /// Serialises `cmark_parser_finish`, the one step of cmark-gfm that is not re-entrant.
    ///
    /// While it parses a document's inlines, `cmark_parser_finish` adds the extensions'
    /// characters to the inline parser's global special-character table and removes them at
    /// the end (github/cmark-gfm pull request 176), so two finishes on different threads
    /// corrupt each other; it crashed the concurrent test. Nothing else reads or writes that
    /// table, and nothing else in cmark-gfm 0.29 keeps mutable global state once the
    /// extensions are registered: feeding the parser, the heading and link passes and the
    /// HTML renderer run on all threads at once, and only the inline pass takes turns.
    private static let finishLock = Lock()

    private final class Lock: @unchecked Sendable {
        // Heap-allocated so the mutex never moves; the one instance lives for the process.
        private let mutex: UnsafeMutablePointer<pthread_mutex_t> = {
            let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
            mutex.initialize(to: pthread_mutex_t())
            pthread_mutex_init(mutex, nil)
            return mutex
        }()

        func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            return try body()
        }
    }

    /// Renders `markdown` and passes the HTML (UTF-8, valid only during the call)
    /// and the headings to `body`. The headings are collected when `collectHeadings`
    /// is set or anchors are on; otherwise the list is empty and the walk is skipped.
    ///
    /// The parser and the tree live in the calling thread's arena (CMarkArena): allocation
    /// is a pointer bump and the whole tree is released at once when the render ends,
    /// instead of a `free` per node and buffer, which costs about a fifth of the run time on
    /// large documents. cmark-gfm's own arena cannot be used: it is one for the process.
    static func render<Result>(
        _ markdown: String, options: MarkdownRenderer.Options, collectHeadings: Bool,
        links: (@Sendable (String) -> String?)? = nil,
        _ body: (_ html: UnsafeRawBufferPointer, _ headings: [Heading]) throws -> Result
    ) rethrows -> Result {
        let memory = cma_arena_begin().assumingMemoryBound(to: cmark_mem.self)
        let rendered: (html: UnsafeMutablePointer<CChar>, headings: [Heading])
        do {
            defer { cma_arena_end() }
            rendered = renderToHeap(
                markdown, options: options, collectHeadings: collectHeadings, links: links, memory: memory)
        }
        defer { cmark_get_default_mem_allocator().pointee.free(rendered.html) }
        return try body(UnsafeRawBufferPointer(start: rendered.html, count: strlen(rendered.html)), rendered.headings)
    }

    /// Parses into `memory`, the thread's arena, and renders the HTML into a C string
    /// from the heap allocator, for the caller to free.
    private static func renderToHeap(
        _ markdown: String, options: MarkdownRenderer.Options, collectHeadings: Bool,
        links: (@Sendable (String) -> String?)?, memory: UnsafeMutablePointer<cmark_mem>
    ) -> (html: UnsafeMutablePointer<CChar>, headings: [Heading]) {
        let flags = cmarkOptions(for: options)
        // The rendered HTML, one buffer that grows by reallocation, comes from the heap,
        // where growing a large buffer does not copy it; the cmark-gfm tool does the same.
        guard let parser = cmark_parser_new_with_mem(flags, memory) else {
            fatalError("cmark-gfm could not allocate a parser")
        }
        for syntaxExtension in syntaxExtensions.all {
            cmark_parser_attach_syntax_extension(parser, syntaxExtension)
        }

        // Feed the String's own UTF-8 storage: no copy for native strings.
        var markdown = markdown
        markdown.withUTF8 { utf8 in
            guard let base = utf8.baseAddress, !utf8.isEmpty else { return }
            base.withMemoryRebound(to: CChar.self, capacity: utf8.count) { chars in
                cmark_parser_feed(parser, chars, utf8.count)
            }
        }
        guard let document = finishLock.withLock({ cmark_parser_finish(parser) }) else {
            fatalError("cmark-gfm returned no document")
        }

        let anchors = options.contains(.headingAnchors)
        let headings = collectHeadings || anchors
            ? processHeadings(in: document, anchors: anchors, memory: memory)
            : []
        if let links { rewriteLinks(in: document, links) }

        // Without the parser's extension list the renderer skips the extensions'
        // HTML hooks, and tagfilter silently does nothing.
        let extensions = cmark_parser_get_syntax_extensions(parser)
        guard let html = cmark_render_html_with_mem(document, flags, extensions, cmark_get_default_mem_allocator()) else {
            fatalError("cmark-gfm returned no HTML")
        }
        return (html, headings)
    }

    // MARK: - Links

    /// Sets each link's destination to what `links` returns for it (a `nil` keeps it).
    private static func rewriteLinks(in document: OpaquePointer, _ links: (String) -> String?) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_LINK
            else { continue }
            let current = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            if let replacement = links(current), replacement != current { cmark_node_set_url(node, replacement) }
        }
    }

    // MARK: - Headings

    /// Collects the document's headings and, with `anchors`, gives each one an `id`.
    ///
    /// cmark-gfm's HTML renderer has no hook for heading attributes, so an anchored
    /// heading is replaced in the tree by a custom block whose children are
    /// `<hN id="slug">` (a custom inline), the heading's own inlines, and `</hN>`.
    /// The renderer emits custom nodes verbatim, with the same line breaks around a
    /// block as for a heading, so the output equals cmark-gfm's apart from the `id`.
    /// Working on the tree rather than on the rendered HTML means raw `<h2>` tags let
    /// through by `.unsafeHTML` are never mistaken for headings.
    private static func processHeadings(
        in document: OpaquePointer, anchors: Bool, memory: UnsafeMutablePointer<cmark_mem>
    ) -> [Heading] {
        let nodes = headingNodes(in: document)
        var headings: [Heading] = []
        headings.reserveCapacity(nodes.count)
        var slugger = HeadingSlugger()
        for node in nodes {
            let level = Int(cmark_node_get_heading_level(node))
            let text = plainText(of: node)
            var anchor: String?
            if anchors {
                let slug = slugger.slug(for: text)
                replaceHeading(node, level: level, id: slug, memory: memory)
                anchor = slug
            }
            headings.append(Heading(level: level, text: text, anchor: anchor))
        }
        return headings
    }

    /// The headings in document order. Only block containers are entered, so the
    /// walk never visits inline nodes (the bulk of a document); an explicit stack
    /// keeps deeply nested block quotes from exhausting the call stack.
    private static func headingNodes(in document: OpaquePointer) -> [OpaquePointer] {
        var found: [OpaquePointer] = []
        var stack: [OpaquePointer] = [document]
        while let node = stack.popLast() {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING:
                found.append(node)
            case CMARK_NODE_DOCUMENT, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM,
                 CMARK_NODE_FOOTNOTE_DEFINITION, CMARK_NODE_CUSTOM_BLOCK:
                // Push children last-to-first so they pop in document order.
                var child = cmark_node_last_child(node)
                while let current = child {
                    stack.append(current)
                    child = cmark_node_previous(current)
                }
            default:
                break
            }
        }
        return found
    }

    /// The text a reader sees: literal text and code spans, including an image's
    /// alt text; line breaks become spaces; raw HTML contributes nothing.
    private static func plainText(of heading: OpaquePointer) -> String {
        var text = ""
        // Depth-first over the heading's inlines, without an iterator allocation.
        var next = cmark_node_first_child(heading)
        while let node = next {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(node) {
                    text += String(cString: literal)
                }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
            if let child = cmark_node_first_child(node) {
                next = child
                continue
            }
            // No children: the next sibling, else the next sibling of the nearest ancestor
            // that has one, stopping at the heading.
            var current: OpaquePointer? = node
            next = nil
            while let up = current, up != heading {
                if let sibling = cmark_node_next(up) {
                    next = sibling
                    break
                }
                current = cmark_node_parent(up)
            }
        }
        return text
    }

    private static func replaceHeading(
        _ heading: OpaquePointer, level: Int, id: String, memory: UnsafeMutablePointer<cmark_mem>
    ) {
        let block = customNode(CMARK_NODE_CUSTOM_BLOCK, onEnter: "", memory: memory)
        // The slug holds only letters, marks, digits, "-" and "_": nothing to escape.
        let open = customNode(CMARK_NODE_CUSTOM_INLINE, onEnter: "<h\(level) id=\"\(id)\">", memory: memory)
        cmark_node_append_child(block, open)
        while let child = cmark_node_first_child(heading) {
            cmark_node_append_child(block, child)  // moves the child out of the heading
        }
        cmark_node_append_child(block, customNode(CMARK_NODE_CUSTOM_INLINE, onEnter: "</h\(level)>", memory: memory))
        cmark_node_replace(heading, block)
        cmark_node_free(heading)
    }

    private static func customNode(
        _ type: cmark_node_type, onEnter: String, memory: UnsafeMutablePointer<cmark_mem>
    ) -> OpaquePointer {
        guard let node = cmark_node_new_with_mem(type, memory) else {
            fatalError("cmark-gfm could not allocate a node")
        }
        cmark_node_set_on_enter(node, onEnter)
        cmark_node_set_on_exit(node, "")
        return node
    }
}
