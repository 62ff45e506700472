import CoordinationCore

/// A development client certificate: its file name in the dev PKI folder and what it names.
public struct DevIdentity: Sendable, Hashable {
    /// File name without extension, e.g. `admin` or `system-education`.
    public var fileName: String
    public var kind: Caller.Kind
    public var departmentCode: String
    public var commonName: String

    /// The administrator and coordinator (both of the leading-group office at health), an
    /// education officer, and one system per seeded department.
    public static let all: [DevIdentity] = [
        DevIdentity(fileName: "admin", kind: .person(.administrator), departmentCode: "health",
                    commonName: "Dev Administrator"),
        DevIdentity(fileName: "coordinator", kind: .person(.coordinator), departmentCode: "health",
                    commonName: "Dev Coordinator"),
        DevIdentity(fileName: "officer-education", kind: .person(.officer), departmentCode: "education",
                    commonName: "Dev Education Officer"),
    ] + DevSeed.departments.map {
        DevIdentity(fileName: "system-\($0.code)", kind: .system, departmentCode: $0.code,
                    commonName: "\($0.nameEn) system")
    }
}

extension DevIdentity {
    /// The person's role, or `nil` for a department system.
    public var role: Role? {
        if case .person(let role) = kind { return role }
        return nil
    }
}
