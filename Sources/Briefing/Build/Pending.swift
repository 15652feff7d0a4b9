import Dispatch
import Foundation

/// Work started on another thread now, whose result is waited for later: how a weekly build
/// overlaps stages that do not depend on each other (hashing the inputs while the workspace
/// loads, drawing charts while the snapshot is compared, encoding the figures while the templates
/// render). Each piece of work is a function of the values it captured, so its result — and every
/// file made from it — is the same as when the stages ran one after the other; only the wall time
/// changes. Errors are thrown where the result is asked for, so they surface in the same order.
///
/// The work is offered to Dispatch's global queue, whose threads may all be busy (a server runs
/// the build on one of them, and blocked threads are replaced slowly on Linux). Whoever asks for
/// the result first while the work has not started runs it itself, so a wait never depends on
/// another thread being free.
package final class Pending<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private let group = DispatchGroup()
    /// The work until a thread claims it (then nil).
    private var work: (@Sendable () throws -> Value)?
    private var result: Result<Value, any Error>?

    package init(_ work: @escaping @Sendable () throws -> Value) {
        self.work = work
        group.enter()
        DispatchQueue.global().async { [self] in
            if let claimed = claim() { finish(Result { try claimed() }) }
            group.leave()
        }
    }

    private func claim() -> (@Sendable () throws -> Value)? {
        lock.withLock {
            defer { work = nil }
            return work
        }
    }

    private func finish(_ outcome: Result<Value, any Error>) { lock.withLock { result = outcome } }

    private func outcome() -> Result<Value, any Error> {
        if let claimed = claim() {
            let outcome = Result { try claimed() }
            finish(outcome)
            return outcome
        }
        if let done = lock.withLock({ result }) { return done }
        group.wait()
        return lock.withLock { result! }
    }

    /// The result, once the work is done (here, if no other thread has started it).
    package func value() throws -> Value {
        try outcome().get()
    }

    /// The result of work that cannot fail.
    package func get() -> Value {
        switch outcome() {
        case .success(let value): return value
        case .failure(let error): preconditionFailure("work that cannot fail failed: \(error)")
        }
    }
}
