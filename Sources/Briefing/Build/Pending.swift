import Dispatch

/// Work started on another thread now, whose result is waited for later: how a weekly build
/// overlaps stages that do not depend on each other (hashing the inputs while the workspace
/// loads, drawing charts while the snapshot is compared, encoding the figures while the templates
/// render). Each piece of work is a function of the values it captured, so its result — and every
/// file made from it — is the same as when the stages ran one after the other; only the wall time
/// changes. Errors are thrown where the result is asked for, so they surface in the same order.
package final class Pending<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    /// Written once on the worker before `group.leave()`, read after `group.wait()`.
    private var result: Result<Value, any Error>?

    package init(_ work: @escaping @Sendable () throws -> Value) {
        group.enter()
        DispatchQueue.global().async { [self] in
            result = Result { try work() }
            group.leave()
        }
    }

    /// The result, once the work is done.
    package func value() throws -> Value {
        group.wait()
        return try result!.get()
    }

    /// The result of work that cannot fail.
    package func get() -> Value {
        group.wait()
        switch result! {
        case .success(let value): return value
        case .failure(let error): preconditionFailure("work that cannot fail failed: \(error)")
        }
    }
}
