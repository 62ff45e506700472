import Foundation

/// The task state machine: who may move a task from which status to which.
///
/// ```
/// open ──report──> in progress ──complete (lead)──> completed ──verify──> verified
///   └────────complete (lead)────────────────────────┘   │
///                 returned <──return (reason)───────────┘
///                 returned ──report──> in progress; returned ──complete (lead)──> completed
/// ```
/// Coordinators' permission (`tasks.manage`) is checked before verify and return; the
/// department rules are checked here.
public enum TaskLifecycle {
    /// The status after a department reports its progress; `role` is the reporting
    /// department's part in the task, `nil` if it is not on it.
    public static func report(_ status: TaskStatus, by role: TaskRole?) throws(CoordinationError) -> TaskStatus {
        guard role != nil else {
            throw CoordinationError(
                code: .permissionDenied,
                message: "only the task's lead and cooperating departments report progress on it, each for itself")
        }
        switch status {
        case .open, .inProgress, .returned: return .inProgress
        case .completed:
            throw CoordinationError(
                code: .failedPrecondition,
                message: "the task is completed and awaits sign-off; progress can be reported again only if a coordinator returns it")
        case .verified:
            throw CoordinationError(code: .failedPrecondition, message: "the task is verified; it takes no more progress reports")
        }
    }

    /// The status after a department declares the task complete: only the lead may.
    public static func complete(_ status: TaskStatus, by role: TaskRole?) throws(CoordinationError) -> TaskStatus {
        guard role == .lead else {
            throw CoordinationError(
                code: .permissionDenied,
                message: role == .cooperating
                    ? "only the lead department completes a task; cooperating departments report their own part"
                    : "only the task's lead department completes it")
        }
        switch status {
        case .open, .inProgress, .returned: return .completed
        case .completed:
            throw CoordinationError(code: .failedPrecondition, message: "the task is already completed and awaits a coordinator's sign-off")
        case .verified:
            throw CoordinationError(code: .failedPrecondition, message: "the task is already verified")
        }
    }

    /// The status after a coordinator signs the task off: it must be completed.
    public static func verify(_ status: TaskStatus) throws(CoordinationError) -> TaskStatus {
        switch status {
        case .completed: return .verified
        case .verified: throw CoordinationError(code: .failedPrecondition, message: "the task is already verified")
        case .open, .inProgress, .returned:
            throw CoordinationError(
                code: .failedPrecondition, message: "task is \(status.phrase); the lead department must complete it first")
        }
    }

    /// The status after a coordinator returns the task: it must be completed, and the reason given.
    public static func returnToLead(_ status: TaskStatus, reason: String) throws(CoordinationError) -> TaskStatus {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .invalidArgument(field: "reason", "is required: say what the lead department must still do")
        }
        guard reason.count <= 2000 else { throw .invalidArgument(field: "reason", "must be at most 2000 characters") }
        switch status {
        case .completed: return .returned
        case .verified:
            throw CoordinationError(code: .failedPrecondition, message: "the task is verified; a signed-off task cannot be returned")
        case .open, .inProgress, .returned:
            throw CoordinationError(
                code: .failedPrecondition, message: "task is \(status.phrase); only a completed task can be returned")
        }
    }

    /// Checks that a supervision notice may be sent: not for a signed-off task.
    public static func supervise(_ status: TaskStatus) throws(CoordinationError) {
        if status == .verified {
            throw CoordinationError(code: .failedPrecondition, message: "the task is verified; there is nothing left to supervise")
        }
    }
}
