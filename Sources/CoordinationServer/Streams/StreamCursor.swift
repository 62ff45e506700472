import CoordinationCore
import Foundation

/// The opaque cursor of a paged listing or a resumable stream: a position in one sequence.
public struct StreamCursor: Sendable {
    /// Which sequence the cursor belongs to; a cursor of another is refused.
    public let name: String

    /// Shared records (queries and subscriptions).
    public static let records = StreamCursor(name: "records")
    /// Notices to a department.
    public static let notices = StreamCursor(name: "notices")
    /// A person's audit history.
    static let auditHistory = StreamCursor(name: "audit-history")
    /// The emergency review queue.
    static let emergencyAccesses = StreamCursor(name: "emergency-accesses")
    /// Revoked certificates.
    static let revocations = StreamCursor(name: "revocations")
    /// Work plans.
    static let workPlans = StreamCursor(name: "work-plans")
    /// Referrals, tasks, alerts and meetings: the last one shown, by id.
    static let referrals = StreamCursor(name: "referrals")
    static let tasks = StreamCursor(name: "tasks")
    static let alerts = StreamCursor(name: "alerts")
    static let meetings = StreamCursor(name: "meetings")

    public init(name: String) {
        self.name = name
    }

    public func encode(_ sequence: Int64) -> String {
        Data("\(name):\(sequence)".utf8).base64EncodedString()
    }

    /// The sequence in `cursor` (`0` for an empty cursor).
    func decode(_ cursor: String, field: String = "cursor") throws(CoordinationError) -> Int64 {
        guard !cursor.isEmpty else { return 0 }
        guard let data = Data(base64Encoded: cursor), let text = String(data: data, encoding: .utf8),
              text.hasPrefix("\(name):"), let sequence = Int64(text.dropFirst(name.count + 1)), sequence >= 0
        else { throw .invalidArgument(field: field, "is not a \(name) cursor this server returned") }
        return sequence
    }

    /// A cursor at a position given by several values: the sort keys of the last item shown.
    func encode(_ keys: [String]) -> String {
        Data(([name] + keys).joined(separator: "\u{1F}").utf8).base64EncodedString()
    }

    /// A cursor after the item with `id`.
    func encode(id: UUID) -> String { encode([id.uuidString.lowercased()]) }

    /// The id of the item a cursor from ``encode(id:)`` follows, or `nil` for an empty cursor.
    func decodeID(_ cursor: String, field: String = "cursor") throws(CoordinationError) -> UUID? {
        guard let keys = try decode(cursor, keys: 1, field: field) else { return nil }
        guard let id = UUID(uuidString: keys[0]) else {
            throw .invalidArgument(field: field, "is not a \(name) cursor this server returned")
        }
        return id
    }

    /// The `count` sort keys in `cursor`, or `nil` for an empty cursor.
    func decode(_ cursor: String, keys count: Int, field: String = "cursor") throws(CoordinationError) -> [String]? {
        guard !cursor.isEmpty else { return nil }
        guard let data = Data(base64Encoded: cursor), let text = String(data: data, encoding: .utf8) else {
            throw .invalidArgument(field: field, "is not a \(name) cursor this server returned")
        }
        let parts = text.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == count + 1, parts[0] == name else {
            throw .invalidArgument(field: field, "is not a \(name) cursor this server returned")
        }
        return Array(parts.dropFirst())
    }
}
