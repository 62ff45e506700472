/// Why a rule of a plugin package cannot be parsed, checked or installed, in words an
/// administrator can act on, e.g. `routing rule 2: when: at column 12: expected ')'`.
public struct RuleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The plain message.
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }

    /// The error with `context` (a rule, a key) in front of its message.
    func within(_ context: String) -> RuleError {
        RuleError("\(context): \(message)")
    }

    /// What `body` returns; its error with `context` in front.
    static func within<Value>(_ context: String, _ body: () throws(RuleError) -> Value) throws(RuleError) -> Value {
        do throws(RuleError) {
            return try body()
        } catch {
            throw error.within(context)
        }
    }
}
