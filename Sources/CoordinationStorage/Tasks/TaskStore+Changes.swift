import CoordinationCore
import Foundation
import PostgresNIO

extension TaskStore {
    // MARK: Changing

    /// `caller`'s department reports its own progress.
    public func report(_ id: UUID, _ report: ProgressReport, by caller: Caller) async throws(CoordinationError) -> TaskDetail {
        try report.validate()
        try await change(id, by: caller) { task, now, connection, logger in
            let status = try TaskLifecycle.report(task.status, by: task.role(of: caller.departmentCode))
            try await Self.insertProgress(report, task: id, by: caller, at: now, on: connection, logger: logger)
            try await Self.update(id, status: status, on: connection, logger: logger)
            try await Self.record(.progress, task: id, by: caller, detail: report.summary, at: now, on: connection, logger: logger)
        }
        return try await detail(id, as: Reader.party(caller))
    }

    /// The lead department completes the task; its own progress becomes 100%.
    public func complete(_ id: UUID, note: String, by caller: Caller) async throws(CoordinationError) -> TaskSummary {
        try Self.checkLength(note, field: "note")
        try await change(id, by: caller) { task, now, connection, logger in
            let status = try TaskLifecycle.complete(task.status, by: task.role(of: caller.departmentCode))
            try await Self.insertProgress(
                ProgressReport(status: .doneOwnPart, percent: 100, note: note), task: id, by: caller, at: now,
                on: connection, logger: logger)
            try await Self.update(id, status: status, completedAt: now, on: connection, logger: logger)
            try await Self.record(.completed, task: id, by: caller, detail: Localized(verbatim: note), at: now, on: connection, logger: logger)
        }
        return try await summary(id, as: Reader(caller))
    }

    /// A coordinator signs the completed task off.
    public func verify(_ id: UUID, note: String, by caller: Caller) async throws(CoordinationError) -> TaskSummary {
        try Self.checkLength(note, field: "note")
        try await change(id, by: caller) { task, now, connection, logger in
            let status = try TaskLifecycle.verify(task.status)
            try await connection.query(
                "UPDATE coord.task SET status = \(status.rawValue), verified_at = \(now) WHERE id = \(id)", logger: logger)
            try await Self.record(.verified, task: id, by: caller, detail: Localized(verbatim: note), at: now, on: connection, logger: logger)
        }
        return try await summary(id, as: Reader(caller))
    }

    /// A coordinator returns the completed task to its lead department with `reason`.
    public func returnToLead(_ id: UUID, reason: String, by caller: Caller) async throws(CoordinationError) -> TaskSummary {
        try await change(id, by: caller) { task, now, connection, logger in
            let status = try TaskLifecycle.returnToLead(task.status, reason: reason)
            try await Self.update(id, status: status, completedAt: nil, on: connection, logger: logger)
            try await Self.record(.returned, task: id, by: caller, detail: Localized(verbatim: reason), at: now, on: connection, logger: logger)
            try await NoticeOutbox.post([
                NoticeDraft(
                    to: task.leadDepartment, kind: .taskReturned, subject: Self.subject(id),
                    title: "Task returned: \(task.title)", detail: Localized(verbatim: reason)),
            ], at: now, on: connection, logger: logger)
        }
        return try await summary(id, as: Reader(caller))
    }

    /// A coordinator sends a supervision notice (督办) to the lead department, and to the
    /// cooperating ones if `includeCooperating`.
    public func supervise(
        _ id: UUID, message: String, replyBy: Date?, includeCooperating: Bool, by caller: Caller
    ) async throws(CoordinationError) -> TaskSummary {
        guard !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .invalidArgument(field: "message", "is required: say what the office asks for")
        }
        try Self.checkLength(message, field: "message")
        if let replyBy, replyBy <= clock.now() {
            throw .invalidArgument(field: "reply_due_at", "must be in the future")
        }
        try await change(id, by: caller) { task, now, connection, logger in
            try TaskLifecycle.supervise(task.status)
            try await Self.record(
                .supervised, task: id, by: caller, detail: Localized(verbatim: message), replyDueAt: replyBy, at: now, on: connection, logger: logger)
            let recipients = [task.leadDepartment] + (includeCooperating ? task.cooperatingDepartments : [])
            let detail: Localized = replyBy.map { "\(message); reply by \(localTime.day($0))" } ?? Localized(verbatim: message)
            try await NoticeOutbox.post(recipients.map {
                NoticeDraft(
                    to: $0, kind: .taskSupervision, subject: Self.subject(id), title: "Supervision notice (督办): \(task.title)",
                    detail: detail)
            }, at: now, on: connection, logger: logger)
        }
        return try await summary(id, as: Reader(caller))
    }
}
