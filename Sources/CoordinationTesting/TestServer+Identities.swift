import CoordinationClient
import CoordinationCore

/// Certificates per department, issued by the server's ``TestServer/pki``.
extension TestServer {
    /// A department system's credentials: a certificate named `system-<department>`, issued
    /// on each call.
    public func system(_ department: String) throws -> ClientCredentials {
        try pki.client("system-\(department)", kind: .system, department: department).credentials
    }

    /// The credentials of a person with `role` in `department`: a certificate named
    /// `<role>-<department>`, issued on each call.
    public func person(_ role: Role, of department: String) throws -> ClientCredentials {
        try pki.client("\(role.rawValue)-\(department)", kind: .person(role), department: department).credentials
    }
}
