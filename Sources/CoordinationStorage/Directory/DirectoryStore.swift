import CoordinationCore
import PostgresNIO

/// Departments and the jurisdiction tree.
public struct DirectoryStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Every department, ordered by code.
    public func departments() async throws(CoordinationError) -> [Department] {
        try await database.withConnection { connection in
            try await Self.departments(
                PostgresQuery(unsafeSQL: "\(Self.departmentColumns) FROM coord.department ORDER BY code"),
                on: connection, logger: database.logger)
        }
    }

    /// The department with `code`, if registered.
    public func department(code: String) async throws(CoordinationError) -> Department? {
        try await database.withConnection { connection in
            var query = PostgresQuery(unsafeSQL: "\(Self.departmentColumns) FROM coord.department WHERE code = $1")
            try query.binds.append(code, context: .default)
            return try await Self.departments(query, on: connection, logger: database.logger).first
        }
    }

    /// Disables the department with `code` for `reason` (`nil`: enables it again), audited as
    /// `caller`; returns it as it now is. Disabling a disabled department keeps the first reason.
    public func setDisabled(code: String, reason: String?, by caller: Caller) async throws(CoordinationError) -> Department {
        try await database.transaction { [logger = database.logger] connection in
            var query = PostgresQuery(unsafeSQL: """
                UPDATE coord.department
                SET disabled_at = CASE WHEN $2::text IS NULL THEN NULL ELSE coalesce(disabled_at, now()) END,
                    disabled_reason = CASE WHEN $2::text IS NULL THEN NULL ELSE coalesce(disabled_reason, $2) END
                WHERE code = $1
                RETURNING \(Self.departmentColumns.dropFirst("SELECT ".count))
                """)
            try query.binds.append(code, context: .default)
            try query.binds.append(reason, context: .default)
            guard let department = try await Self.departments(query, on: connection, logger: logger).first else {
                throw CoordinationError(code: .notFound, message: "no department '\(code)' is registered")
            }
            try await AuditLog.append(
                AuditEvent(
                    caller: caller, action: reason == nil ? "department.enable" : "department.disable",
                    detail: reason.map { "\(code): \($0)" } ?? code),
                on: connection, logger: logger)
            return department
        }
    }

    private static let departmentColumns = "SELECT code, name_zh, name_en, jurisdiction_code, disabled_reason"

    private static func departments(
        _ query: PostgresQuery, on connection: PostgresConnection, logger: Logger
    ) async throws -> [Department] {
        let rows = try await connection.query(query, logger: logger)
        var result: [Department] = []
        for try await (code, nameZh, nameEn, jurisdiction, disabled) in rows.decode((String, String, String, String, String?).self) {
            result.append(Department(
                code: code, nameZh: nameZh, nameEn: nameEn, jurisdictionCode: jurisdiction, disabledReason: disabled))
        }
        return result
    }

    /// Which of `codes` name registered departments, read on `connection` in the caller's transaction.
    static func registered(_ codes: [String], on connection: PostgresConnection, logger: Logger) async throws -> Set<String> {
        let rows = try await connection.query("SELECT code FROM coord.department WHERE code = ANY(\(codes))", logger: logger)
        var known: Set<String> = []
        for try await code in rows.decode(String.self) { known.insert(code) }
        return known
    }

    /// Registers a department; fails with `alreadyExists` or, for an unknown jurisdiction,
    /// `invalidArgument`.
    public func create(_ department: Department) async throws(CoordinationError) {
        try DirectoryRules.validate(department)
        do {
            _ = try await database.withConnection { connection in
                try await connection.query(
                    """
                    INSERT INTO coord.department (code, name_zh, name_en, jurisdiction_code)
                    VALUES (\(department.code), \(department.nameZh), \(department.nameEn), \(department.jurisdictionCode))
                    """, logger: database.logger)
            }
        } catch {
            throw Self.explain(error, code: department.code, entity: "department", parentField: "department.jurisdiction_code")
        }
    }

    /// Every jurisdiction, parents before children, siblings by code.
    public func jurisdictions() async throws(CoordinationError) -> [Jurisdiction] {
        try await database.withConnection { connection in
            let rows = try await connection.query(
                """
                WITH RECURSIVE tree AS (
                    SELECT code, name_zh, name_en, level, parent_code, ARRAY[code] AS path
                    FROM coord.jurisdiction WHERE parent_code IS NULL
                    UNION ALL
                    SELECT j.code, j.name_zh, j.name_en, j.level, j.parent_code, tree.path || j.code
                    FROM coord.jurisdiction j JOIN tree ON j.parent_code = tree.code
                )
                SELECT code, name_zh, name_en, level, parent_code FROM tree ORDER BY path
                """, logger: database.logger)
            var result: [Jurisdiction] = []
            for try await (code, nameZh, nameEn, level, parent) in rows.decode(
                (String, String, String, Int16, String?).self)
            {
                guard let level = JurisdictionLevel(rawValue: Int(level)) else { continue }
                result.append(Jurisdiction(code: code, nameZh: nameZh, nameEn: nameEn, level: level, parentCode: parent))
            }
            return result
        }
    }

    /// The jurisdiction with `code`, if registered.
    public func jurisdiction(code: String) async throws(CoordinationError) -> Jurisdiction? {
        try await database.withConnection { connection in
            let rows = try await connection.query(
                "SELECT code, name_zh, name_en, level, parent_code FROM coord.jurisdiction WHERE code = \(code)",
                logger: database.logger)
            for try await (code, nameZh, nameEn, level, parent) in rows.decode(
                (String, String, String, Int16, String?).self)
            {
                guard let level = JurisdictionLevel(rawValue: Int(level)) else { return nil }
                return Jurisdiction(code: code, nameZh: nameZh, nameEn: nameEn, level: level, parentCode: parent)
            }
            return nil
        }
    }

    /// Registers a jurisdiction under its parent (which must exist and sit one level up).
    public func create(_ jurisdiction: Jurisdiction) async throws(CoordinationError) {
        var parent: Jurisdiction?
        if let parentCode = jurisdiction.parentCode {
            parent = try await self.jurisdiction(code: parentCode)
            if parent == nil {
                throw .invalidArgument(field: "jurisdiction.parent_code", "no jurisdiction '\(parentCode)' is registered")
            }
        }
        try DirectoryRules.validate(jurisdiction, parent: parent)
        do {
            _ = try await database.withConnection { connection in
                try await connection.query(
                    """
                    INSERT INTO coord.jurisdiction (code, name_zh, name_en, level, parent_code)
                    VALUES (\(jurisdiction.code), \(jurisdiction.nameZh), \(jurisdiction.nameEn),
                            \(Int16(jurisdiction.level.rawValue)), \(jurisdiction.parentCode))
                    """, logger: database.logger)
            }
        } catch {
            throw Self.explain(error, code: jurisdiction.code, entity: "jurisdiction", parentField: "jurisdiction.parent_code")
        }
    }

    private static func explain(
        _ error: CoordinationError, code: String, entity: String, parentField: String
    ) -> CoordinationError {
        switch error.cause.flatMap(DatabaseErrors.sqlState(of:)) {
        case DatabaseErrors.SQLState.uniqueViolation?:
            return CoordinationError(code: .alreadyExists, message: "a \(entity) with code '\(code)' already exists")
        case DatabaseErrors.SQLState.foreignKeyViolation?:
            return .invalidArgument(field: parentField, "names no registered jurisdiction")
        default:
            return error
        }
    }
}
