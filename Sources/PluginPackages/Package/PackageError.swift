/// Why a package could not be read, built, verified or turned into a plugin; the message says
/// what to do about it.
public struct PackageError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
