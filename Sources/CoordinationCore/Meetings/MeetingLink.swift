import Foundation

/// What an agenda item refers to: `record:<uuid>`, `task:<uuid>` or `indicator:<code>`.
public struct MeetingLink: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The kinds of thing an agenda item may link to.
    public enum Target: String, Sendable, CaseIterable, Codable {
        case record, task, indicator
    }

    public var target: Target
    /// A UUID for records and tasks; an indicator code for indicators.
    public var reference: String

    public init(target: Target, reference: String) {
        self.target = target
        self.reference = reference
    }

    /// Parses `text`, naming `field` when it is malformed.
    public init(parsing text: String, field: String) throws(CoordinationError) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let target = Target(rawValue: parts[0]) else {
            throw .invalidArgument(field: field, "must be record:<uuid>, task:<uuid> or indicator:<code>")
        }
        switch target {
        case .record, .task:
            guard let uuid = UUID(uuidString: parts[1]) else {
                throw .invalidArgument(field: field, "'\(target.rawValue):' must be followed by a UUID")
            }
            self.init(target: target, reference: uuid.uuidString.lowercased())
        case .indicator:
            let code = parts[1]
            guard (1...64).contains(code.count),
                  code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
            else {
                throw .invalidArgument(field: field, "'indicator:' must be followed by an indicator code")
            }
            self.init(target: target, reference: parts[1])
        }
    }

    public var description: String { "\(target.rawValue):\(reference)" }
}
