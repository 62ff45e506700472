/// A failure of a certificate-authority operation.
public enum PKIError: Error, CustomStringConvertible, Sendable {
    /// A file could not be read or written.
    case io(String)
    /// The input does not describe a usable certificate or key.
    case invalid(String)

    public var description: String {
        switch self {
        case .io(let message), .invalid(let message): return message
        }
    }
}
