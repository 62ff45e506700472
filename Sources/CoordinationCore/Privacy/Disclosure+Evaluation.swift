extension Disclosure {
    /// The department whose evaluation `reader` is shown when asking for `requested` (`nil`:
    /// every department): a reader who oversees sees any or all; anyone else only its own
    /// department's, and asking for another's is refused.
    public static func evaluatedDepartment(requested: String?, for reader: Reader) throws(CoordinationError) -> String? {
        if reader.oversees { return requested }
        if let requested, requested != reader.department {
            throw CoordinationError(
                code: .permissionDenied,
                message: "\(reader.caller.summary) may read only its own department's evaluation, not '\(requested)''s")
        }
        return reader.department
    }
}
