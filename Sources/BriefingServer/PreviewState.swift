/// The outcome of the latest build, shared by the watcher (which sets it) and the requests (which
/// read it). Requests that arrive before the first build has finished wait for it.
///
/// Every build, good or failed, is a new generation; open pages of the preview listen for it
/// (``LiveReload``) and reload when the generation they were served from is no longer current.
actor PreviewState {
    enum Status: Sendable, Equatable {
        case ready
        case failed(String)
    }

    private var status: Status?
    private var waiting: [CheckedContinuation<Status, Never>] = []
    private(set) var generation = 0
    private var listeners: [Int: AsyncStream<Int>.Continuation] = [:]
    private var nextListener = 0
    private var stopped = false

    func update(_ status: Status) {
        self.status = status
        generation += 1
        for continuation in waiting { continuation.resume(returning: status) }
        waiting = []
        for listener in listeners.values { listener.yield(generation) }
    }

    func current() async -> Status {
        if let status { return status }
        return await withCheckedContinuation { waiting.append($0) }
    }

    /// The status with the generation it belongs to.
    func currentWithGeneration() async -> (Status, Int) {
        let status = await current()
        return (status, generation)
    }

    /// A stream of generations: the current one first, then one per build, until the server stops
    /// or the listener goes away.
    func listen() -> AsyncStream<Int> {
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
        guard !stopped else {
            continuation.finish()
            return stream
        }
        let id = nextListener
        nextListener += 1
        listeners[id] = continuation
        continuation.onTermination = { _ in Task { await self.forget(id) } }
        continuation.yield(generation)
        return stream
    }

    var listenerCount: Int { listeners.count }

    private func forget(_ id: Int) {
        listeners[id] = nil
    }

    /// Releases requests still waiting for a first build that will not come (`page` says so), and
    /// ends every open event stream.
    func stop(page: String) {
        if status == nil { update(.failed(page)) }
        stopped = true
        for listener in listeners.values { listener.finish() }
        listeners = [:]
    }
}
