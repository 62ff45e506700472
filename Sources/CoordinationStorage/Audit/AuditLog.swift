import CoordinationCore
import Foundation
import PostgresNIO

/// The append-only audit chain in `coord.audit_entry`.
public enum AuditLog {
    /// Serialises appends so that each entry chains onto the one before.
    static let lockKey: Int64 = 0x636F_6F72_645F_6175  // "coord_au"

    /// Takes the chain's lock until the end of the current transaction (re-entrant).
    static func lock(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
    }

    /// Appends `event` inside the caller's transaction; returns its sequence number.
    @discardableResult
    public static func append(_ event: AuditEvent, on connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        try await appending(on: connection, logger: logger) { $0.append(event) }
    }

    /// Appends `events`, in order, inside the caller's transaction, in one statement; returns
    /// their sequence numbers.
    @discardableResult
    public static func append(_ events: [AuditEvent], on connection: PostgresConnection, logger: Logger) async throws -> [Int64] {
        try await appending(on: connection, logger: logger) { tail in events.map { tail.append($0) } }
    }

    /// Takes the chain's lock until the end of the current transaction and returns the chain's
    /// last entry, in one round trip (`coord.audit_turn()`).
    static func lockedHead(on connection: PostgresConnection, logger: Logger) async throws -> AuditChain.Entry? {
        try await head(on: connection, reading: "SELECT seq, hash FROM coord.audit_turn()", logger: logger)
    }

    /// The chain's last entry, its position and hash only (`coord.audit_head()` reads it past
    /// row-level security, so appending reads no one's entries); read with the lock held.
    static func head(on connection: PostgresConnection, logger: Logger) async throws -> AuditChain.Entry? {
        try await head(on: connection, reading: "SELECT seq, hash FROM coord.audit_head()", logger: logger)
    }

    private static func head(
        on connection: PostgresConnection, reading query: PostgresQuery, logger: Logger
    ) async throws -> AuditChain.Entry? {
        let rows = try await connection.query(query, logger: logger)
        for try await (seq, hash) in rows.decode((Int64?, String?).self) {
            guard let seq, let hash else { return nil }
            return AuditChain.Entry(sequence: seq, body: "", previousHash: "", hash: hash)
        }
        return nil
    }

    /// How many entries the chain holds (its last sequence number).
    public static func length(in database: Database) async throws(CoordinationError) -> Int {
        try await database.withConnection { [logger = database.logger] connection in
            Int(try await head(on: connection, logger: logger)?.sequence ?? 0)
        }
    }

    /// Every entry in sequence order, with its lookup column.
    public static func entries(in database: Database) async throws(CoordinationError) -> [AuditChain.Entry] {
        try await database.transaction(scope: .server, timeout: .seconds(120)) { [logger = database.logger] connection in
            var entries: [AuditChain.Entry] = []
            try await forEachEntry(on: connection, logger: logger) {
                entries.append($0)
                return true
            }
            return entries
        }
    }

    /// Verifies the whole chain as stored, streaming it through `verifier` in constant memory
    /// (one statement: one snapshot); stops reading at the first break.
    public static func verify(
        in database: Database, with verifier: AuditVerifier, timeout: Duration = .seconds(3600)
    ) async throws(CoordinationError) -> AuditChain.Verification {
        try await database.transaction(scope: .server, timeout: timeout) { [logger = database.logger] connection in
            var verifier = verifier
            try await forEachEntry(on: connection, logger: logger) { entry in
                verifier.add(entry)
                return !verifier.isBroken
            }
            return verifier.finish()
        }
    }

    /// Feeds every entry, in sequence order with its lookup column, to `visit` until it returns
    /// false. A cursor (inside the caller's transaction: one snapshot) hands the entries over
    /// `batch` at a time, so memory stays bounded however long the chain: by a batch of its
    /// largest entries (a publication of 1,000 records names each, some 100 kB).
    private static func forEachEntry(
        on connection: PostgresConnection, logger: Logger, batch: Int = 100, _ visit: (AuditChain.Entry) throws -> Bool
    ) async throws {
        try await connection.query(
            "DECLARE audit_scan NO SCROLL CURSOR FOR SELECT seq, body, previous_hash, hash, subjects FROM coord.audit_entry ORDER BY seq",
            logger: logger)
        while true {
            let rows = try await connection.query("FETCH FORWARD \(unescaped: String(batch)) FROM audit_scan", logger: logger)
            var fetched = 0
            for try await (seq, body, previous, hash, subjects) in rows.decode((Int64, String, String, String, [String]).self) {
                fetched += 1
                guard try visit(AuditChain.Entry(sequence: seq, body: body, previousHash: previous, hash: hash, subjects: subjects))
                else { return }
            }
            guard fetched == batch else { break }
        }
        try await connection.query("CLOSE audit_scan", logger: logger)
    }

    /// Every signed checkpoint, oldest first.
    public static func checkpoints(in database: Database) async throws(CoordinationError) -> [AuditCheckpoint] {
        try await database.withConnection { [logger = database.logger] connection in
            var checkpoints: [AuditCheckpoint] = []
            let rows = try await connection.query(
                "SELECT seq, hash, at, signature FROM coord.audit_checkpoint ORDER BY seq", logger: logger)
            for try await (seq, hash, at, signature) in rows.decode((Int64, String, String, String).self) {
                checkpoints.append(AuditCheckpoint(sequence: seq, hash: hash, at: at, signature: signature))
            }
            return checkpoints
        }
    }

    /// Signs the chain's head with `key` and stores the checkpoint, unless the newest one
    /// already names it; returns 1 when a checkpoint was written.
    public static func writeCheckpoint(
        with key: AuditCheckpointKey, in database: Database
    ) async throws(CoordinationError) -> Int {
        try await database.transaction(scope: .server) { [logger = database.logger] connection in
            guard let head = try await head(on: connection, logger: logger) else { return 0 }
            let checkpoint = try key.sign(head)
            let rows = try await connection.query(
                """
                INSERT INTO coord.audit_checkpoint (seq, hash, at, signature)
                VALUES (\(checkpoint.sequence), \(checkpoint.hash), \(checkpoint.at), \(checkpoint.signature))
                ON CONFLICT (seq) DO NOTHING
                RETURNING seq
                """, logger: logger)
            var written = 0
            for try await _ in rows { written = 1 }
            return written
        }
    }

    /// Up to `limit` events after sequence `after` that concern the person with `pseudonym`,
    /// oldest first, with their sequence numbers; the departments of the reader's jurisdiction
    /// and those below it; and, when more follow, the sequence to read on after. The lookup itself is audited in the same
    /// transaction, with its purpose and basis.
    public static func history(
        of pseudonym: String, context: ReadContext, after: Int64 = 0, limit: Int = 500, in database: Database
    ) async throws(CoordinationError) -> (events: [(sequence: Int64, event: AuditEvent)], scope: Set<String>, next: Int64?) {
        try await database.transaction(scope: AccessScope(reader: context)) { [logger = database.logger] connection in
            var scope = Set<String>()
            let departments = try await connection.query(
                "SELECT code FROM coord.department WHERE jurisdiction_code IN (SELECT coord.visible_jurisdictions())",
                logger: logger)
            for try await code in departments.decode(String.self) { scope.insert(code) }
            var events: [(Int64, AuditEvent)] = []
            let rows = try await connection.query(
                """
                SELECT seq, body FROM coord.audit_entry WHERE subjects @> ARRAY[\(pseudonym)] AND seq > \(after)
                ORDER BY seq LIMIT \(limit + 1)
                """, logger: logger)
            var (read, last): (Int, Int64?) = (0, nil)
            for try await (seq, body) in rows.decode((Int64, String).self) {
                read += 1
                guard read <= limit else { continue }
                last = seq
                if let event = try? JSONDecoder().decode(AuditEvent.self, from: Data(body.utf8)) { events.append((seq, event)) }
            }
            try await append(
                AuditEvent(
                    caller: context.caller, action: "audit.subject-history", purpose: context.purpose.rawValue,
                    legalBasis: context.legalBasis.rawValue, subjects: [pseudonym],
                    detail: context.consentReference ?? context.justification),
                on: connection, logger: logger)
            return (events, scope, read > limit ? last : nil)
        }
    }
}
