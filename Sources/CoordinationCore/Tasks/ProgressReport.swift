/// How one department's own part of a task stands.
public enum ProgressStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case inProgress = "in_progress"
    case blocked
    case doneOwnPart = "done_own_part"
}

/// One department's report on its own part of a task. The department is never part of the
/// report: it is the caller's, from the certificate.
public struct ProgressReport: Sendable, Hashable {
    public var status: ProgressStatus
    /// 0...100.
    public var percent: Int
    public var note: String
    /// A document number or link held by the department.
    public var evidenceReference: String

    public init(status: ProgressStatus, percent: Int, note: String = "", evidenceReference: String = "") {
        self.status = status
        self.percent = percent
        self.note = note
        self.evidenceReference = evidenceReference
    }

    /// Checks the percentage and the lengths, naming every field at fault.
    public func validate() throws(CoordinationError) {
        var violations: [CoordinationError.Violation] = []
        if !(0...100).contains(percent) {
            violations.append(.init(field: "percent", description: "must be between 0 and 100, got \(percent)"))
        }
        if note.count > 2000 { violations.append(.init(field: "note", description: "must be at most 2000 characters")) }
        if evidenceReference.count > 500 {
            violations.append(.init(field: "evidence_reference", description: "must be at most 500 characters"))
        }
        if !violations.isEmpty { throw .invalidArguments(violations) }
    }

    /// One line for the task's history, e.g. `blocked, 40%: waiting for the budget`.
    public var summary: Localized {
        let head: Localized = "\(Localized(stringLiteral: status.rawValue.replacingOccurrences(of: "_", with: " "))), \(percent)%"
        return note.isEmpty ? head : "\(head): \(note)"
    }
}
