import CoordinationCore
import PostgresNIO

/// The end of the audit chain inside one transaction that holds the chain's lock: events
/// appended here are chained in memory, and written together, in one statement however many
/// there are, when the work that appended them is done (``AuditLog/appending(on:logger:_:)``).
struct AuditTail {
    /// The chain's last entry, written or not.
    private(set) var head: AuditChain.Entry?
    private var unwritten: [AuditChain.Entry] = []

    init(after head: AuditChain.Entry?) {
        self.head = head
    }

    /// Chains `event` after the head; returns its sequence number.
    @discardableResult
    mutating func append(_ event: AuditEvent) -> Int64 {
        let entry = AuditChain.next(after: head, event: event)
        unwritten.append(entry)
        head = entry
        return entry.sequence
    }

    /// Writes the entries appended since the last flush.
    mutating func flush(on connection: PostgresConnection, logger: Logger) async throws {
        guard !unwritten.isEmpty else { return }
        // The lookup column of persons is what the hashed body says.
        try await connection.query(
            """
            INSERT INTO coord.audit_entry (seq, body, subjects, previous_hash, hash)
            SELECT e.seq, e.body, ARRAY(SELECT jsonb_array_elements_text(e.body::jsonb -> 'subjects')),
                   e.previous_hash, e.hash
            FROM unnest(\(unwritten.map(\.sequence))::int8[], \(unwritten.map(\.body))::text[],
                        \(unwritten.map(\.previousHash))::text[], \(unwritten.map(\.hash))::text[])
                 AS e(seq, body, previous_hash, hash)
            """, logger: logger)
        unwritten.removeAll(keepingCapacity: true)
    }
}

extension AuditLog {
    /// Takes the chain's lock until the end of the current transaction, runs `body` with the
    /// chain's tail, and writes what it appended.
    static func appending<Result>(
        on connection: PostgresConnection, logger: Logger, _ body: (inout AuditTail) async throws -> Result
    ) async throws -> Result {
        var tail = AuditTail(after: try await lockedHead(on: connection, logger: logger))
        let result = try await body(&tail)
        try await tail.flush(on: connection, logger: logger)
        return result
    }
}
