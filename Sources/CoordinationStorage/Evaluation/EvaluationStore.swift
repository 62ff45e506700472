import CoordinationCore
import Foundation
import PostgresNIO

/// What the evaluation (督导评估) reads and writes: the tasks departments lead, and the
/// coordinators' feedback per department and year.
public struct EvaluationStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Tasks due in `[start, end)`, once per department that leads them (the task's lead
    /// department, and any department listed with the role `lead`). Empty while the tasks
    /// schema is not installed. Only the tasks `reader` may see are counted.
    public func leadTasks(dueFrom start: Date, before end: Date, as reader: Reader) async throws(CoordinationError) -> [LeadTask] {
        try await database.transaction(scope: AccessScope(reader)) { [logger = database.logger] connection in
            let exists = try await connection.query(
                "SELECT to_regclass('coord.task') IS NOT NULL AND to_regclass('coord.task_department') IS NOT NULL",
                logger: logger)
            for try await present in exists.decode(Bool.self) where !present { return [] }
            let rows = try await connection.query(
                """
                SELECT lead.department, t.due_at, t.status, t.completed_at
                FROM coord.task t
                CROSS JOIN LATERAL (
                    SELECT t.lead_department AS department
                    UNION
                    SELECT td.department_code FROM coord.task_department td WHERE td.task_id = t.id AND td.role = 'lead'
                ) lead
                WHERE t.due_at >= \(start) AND t.due_at < \(end) AND lead.department IS NOT NULL
                """, logger: logger)
            var tasks: [LeadTask] = []
            for try await (department, dueAt, status, completedAt) in rows.decode((String, Date, String, Date?).self) {
                tasks.append(LeadTask(leadDepartment: department, dueAt: dueAt, status: status, completedAt: completedAt))
            }
            return tasks
        }
    }

    /// The feedback written for `year`, by department.
    public func feedback(year: Int) async throws(CoordinationError) -> [String: DepartmentEvaluation.Feedback] {
        try await database.withConnection { [logger = database.logger] connection in
            let rows = try await connection.query(
                """
                SELECT department_code, feedback, written_by, written_at FROM coord.evaluation_feedback
                WHERE year = \(Int32(year))
                """, logger: logger)
            var result: [String: DepartmentEvaluation.Feedback] = [:]
            for try await (department, text, by, at) in rows.decode((String, String, String, Date).self) {
                result[department] = .init(text: text, writtenBy: by, writtenAt: at)
            }
            return result
        }
    }

    /// Writes (or rewrites) the feedback to `department` for `year`; audited, and the
    /// department is told. `invalidArgument` naming `department_code` for an unknown department.
    public func recordFeedback(
        _ text: String, to department: String, year: Int, by caller: Caller, at date: Date
    ) async throws(CoordinationError) -> DepartmentEvaluation.Feedback {
        do {
            try await database.transaction { [logger = database.logger] connection in
                try await connection.query(
                    """
                    INSERT INTO coord.evaluation_feedback (year, department_code, feedback, written_by, written_at)
                    VALUES (\(Int32(year)), \(department), \(text), \(caller.name), \(date))
                    ON CONFLICT (year, department_code) DO UPDATE SET
                        feedback = EXCLUDED.feedback, written_by = EXCLUDED.written_by, written_at = EXCLUDED.written_at
                    """, logger: logger)
                try await AuditLog.append(
                    AuditEvent(caller: caller, action: "evaluation.feedback", detail: "\(department) \(year): \(text)", at: date),
                    on: connection, logger: logger)
                try await NoticeOutbox.post(
                    [NoticeDraft(
                        to: department, kind: .evaluationFeedback, subject: "evaluation/\(year)/\(department)",
                        title: "Evaluation feedback for \(year)", detail: Localized(verbatim: text))],
                    at: date, on: connection, logger: logger)
            }
        } catch {
            if error.cause.flatMap(DatabaseErrors.sqlState(of:)) == DatabaseErrors.SQLState.foreignKeyViolation {
                throw .invalidArgument(field: "department_code", "no department '\(department)' is registered")
            }
            throw error
        }
        return .init(text: text, writtenBy: caller.name, writtenAt: date)
    }
}
