/// The identity a client certificate carries, as a URI subject-alternative name.
///
/// - `coord:system:<department>` for a department system;
/// - `coord:person:<department>:<role>` for a person acting for a department.
public enum IdentityURI {
    private static let scheme = "coord"

    /// The URI for a caller of `kind` acting for `departmentCode`.
    public static func make(kind: Caller.Kind, departmentCode: String) -> String {
        switch kind {
        case .system: return "\(scheme):system:\(departmentCode)"
        case .person(let role): return "\(scheme):person:\(departmentCode):\(role.rawValue)"
        }
    }

    /// Parses a URI made by ``make(kind:departmentCode:)``; `nil` if it is not one.
    public static func parse(_ uri: String) -> (kind: Caller.Kind, departmentCode: String)? {
        let parts = uri.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.first == scheme, parts.count >= 3 else { return nil }
        let department = parts[2]
        guard DirectoryRules.isValidDepartmentCode(department) else { return nil }
        switch (parts[1], parts.count) {
        case ("system", 3):
            return (.system, department)
        case ("person", 4):
            guard let role = Role(rawValue: parts[3]) else { return nil }
            return (.person(role), department)
        default:
            return nil
        }
    }
}
