/// Who is calling, derived only from the verified client certificate.
public struct Caller: Sendable, Hashable {
    /// Whether a department's system or a person is calling.
    public enum Kind: Sendable, Hashable {
        /// A department's information system, acting for the department.
        case system
        /// A person with a role, acting for a department.
        case person(Role)
    }

    /// System or person (and role).
    public var kind: Kind
    /// The department the caller acts for.
    public var departmentCode: String
    /// The certificate's common name.
    public var name: String
    /// Hex serial number of the certificate, lower-case, no separators.
    public var certificateSerial: String

    public init(kind: Kind, departmentCode: String, name: String, certificateSerial: String) {
        self.kind = kind
        self.departmentCode = departmentCode
        self.name = name
        self.certificateSerial = certificateSerial
    }

    /// The person's role, or `nil` for a department system.
    public var role: Role? {
        if case .person(let role) = kind { return role }
        return nil
    }

    /// A short description for messages and logs, e.g. `coordinator 'Li Wei' of health`.
    public var summary: Localized {
        switch kind {
        case .system: return "system '\(name)' of \(departmentCode)"
        case .person(let role): return "\(Localized(stringLiteral: role.rawValue)) '\(name)' of \(departmentCode)"
        }
    }
}
