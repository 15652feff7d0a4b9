import Foundation

/// Reloading open pages of the preview after every build, with Server-Sent Events.
///
/// The preview server adds ``script(generation:)`` to every HTML page it sends (never to a file:
/// the pages on disk, like the published site, hold no such script). The script listens on
/// ``eventsPath``, which sends the current build generation when it connects and a new one after
/// every build; a page reloads as soon as the generation differs from the one it was served from,
/// so a page that connects late still catches the build it missed. The error page of a failed
/// build carries the script too, so it clears itself on the next good build.
enum LiveReload {
    /// A path the site never produces (`_` is not a page or folder name the site uses).
    static let eventsPath = "/_preview/events"
    /// What marks the script in a page (tests look for it; published pages must not contain it).
    static let marker = "briefing-live-reload"

    static func script(generation: Int) -> String {
        """
        <script id="\(marker)">
        (function () {
          var served = "\(generation)";
          var events = new EventSource("\(eventsPath)");
          events.addEventListener("build", function (event) {
            if (event.data !== served) { events.close(); location.reload(); }
          });
        })();
        </script>

        """
    }

    /// `html` with the script before its last `</body>` (or at its end).
    static func inject(into html: Data, generation: Int) -> Data {
        let script = Data(self.script(generation: generation).utf8)
        let closing = Data("</body>".utf8)
        guard let range = html.range(of: closing, options: .backwards) ?? html.range(of: Data("</BODY>".utf8), options: .backwards) else {
            return html + script
        }
        var result = Data(html[..<range.lowerBound])
        result.append(script)
        result.append(html[range.lowerBound...])
        return result
    }

    /// One Server-Sent Event naming a build generation.
    static func event(generation: Int) -> String {
        "event: build\ndata: \(generation)\n\n"
    }

    /// Sent first: how long the browser waits before reconnecting (the server restarting).
    static let preamble = "retry: 500\n\n"
    /// A comment line, sent while nothing happens, so that a closed connection is noticed.
    static let heartbeat = ": keep-alive\n\n"
}
