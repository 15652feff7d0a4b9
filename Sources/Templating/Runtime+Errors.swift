/// Runs `body`, turning an operation failure into an error located at `loc` (or, for the use
/// of an undefined value, at the place where the lookup failed).
@inline(__always)
func located<T>(_ loc: SourceLocation, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as OperationError {
        throw error.located(loc)
    } catch let error as FilterError {
        throw TemplateError(error.kind, error.message, at: loc)
    }
}

extension OperationError {
    func located(_ loc: SourceLocation) -> TemplateError {
        if let u = undefined, u.location.line > 0 { return TemplateError(.undefined, message, at: u.location) }
        return TemplateError(kind, message, at: loc)
    }
}
