/// The role of a person acting for a department, carried by their client certificate.
public enum Role: String, Sendable, CaseIterable, Codable {
    /// A department's staff member handling cases.
    case officer
    /// Runs joint meetings and follows tasks (leading-group office).
    case coordinator
    /// Manages departments, certificates and plugins.
    case administrator
}
