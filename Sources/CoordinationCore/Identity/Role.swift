/// The role of a person acting for a department, carried by their client certificate.
public enum Role: String, Sendable, CaseIterable, Codable {
    /// A department's staff member handling cases.
    case officer
    /// Runs joint meetings and follows tasks (leading-group office).
    case coordinator
    /// Manages departments, certificates and plugins.
    case administrator
    /// Audits the use of personal data in their jurisdiction: reads audit history whole (with
    /// justifications and consent references) and reviews emergency accesses; reads no records.
    case auditor
}
