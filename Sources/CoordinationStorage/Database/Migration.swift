/// One versioned step of the schema, applied in its own transaction.
public struct Migration: Sendable {
    /// Strictly increasing version number.
    public var version: Int
    /// A short description, e.g. "directory".
    public var name: String
    /// SQL statements, run in order in one transaction.
    public var statements: [String]

    public init(version: Int, name: String, statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }
}
