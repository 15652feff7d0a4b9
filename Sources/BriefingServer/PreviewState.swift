/// The outcome of the latest build, shared by the watcher (which sets it) and the requests (which
/// read it). Requests that arrive before the first build has finished wait for it.
actor PreviewState {
    enum Status: Sendable, Equatable {
        case ready
        case failed(String)
    }

    private var status: Status?
    private var waiting: [CheckedContinuation<Status, Never>] = []

    func update(_ status: Status) {
        self.status = status
        for continuation in waiting { continuation.resume(returning: status) }
        waiting = []
    }

    func current() async -> Status {
        if let status { return status }
        return await withCheckedContinuation { waiting.append($0) }
    }

    /// Releases requests still waiting for a first build that will not come; `page` says so.
    func stop(page: String) {
        if status == nil { update(.failed(page)) }
    }
}
