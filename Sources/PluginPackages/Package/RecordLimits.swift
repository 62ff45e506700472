import CoordinationCore
import PluginAPI

/// The limits every value of a packaged record must keep, as the API's own fields do: text of
/// at most 256 characters on one line (a field's declaration may allow up to 10,000, and line
/// breaks and tabs), at most 100 items in a list or map, at most 256 bytes, finite numbers, and
/// enum values the package declares.
struct RecordLimits: Sendable {
    /// The most characters a field may declare.
    static let longestText = 10_000
    static let defaultLength = 256
    static let maximumItems = 100
    static let maximumBytes = 256

    /// The top-level fields' own text limits, by name.
    private let text: [String: (maxLength: Int, multiline: Bool)]

    init(fields: [PackageManifest.Field]) {
        var text: [String: (maxLength: Int, multiline: Bool)] = [:]
        for field in fields {
            text[field.name] = (
                min(max(field.maxLength ?? Self.defaultLength, 1), Self.longestText), field.multiline ?? false
            )
        }
        self.text = text
    }

    /// Every value of `message` outside its limits, named by its path (`guardian.phone`, `visits[2]`).
    func violations(in message: RecordMessage) -> [FieldViolation] {
        var found: [FieldViolation] = []
        for field in message.fields {
            let limit = text[field.name] ?? (Self.defaultLength, false)
            check(field.value, at: field.name, maxLength: limit.maxLength, multiline: limit.multiline, into: &found)
        }
        return found
    }

    private func check(
        _ value: RecordValue, at path: String, maxLength: Int, multiline: Bool, into found: inout [FieldViolation]
    ) {
        switch value {
        case .string(let string):
            if let problem = Self.problem(with: string, maxLength: maxLength, multiline: multiline) {
                found.append(FieldViolation(field: path, description: problem))
            }
        case .bytes(let data) where data.count > Self.maximumBytes:
            found.append(FieldViolation(field: path, description: "must be at most \(Self.maximumBytes) bytes"))
        case .double(let number) where !number.isFinite:
            found.append(FieldViolation(field: path, description: "must be a finite number"))
        case .enumeration(name: nil, let number):
            found.append(FieldViolation(field: path, description: "\(number) is not a value the package defines"))
        case .list(let items):
            if items.count > Self.maximumItems {
                found.append(FieldViolation(field: path, description: "must have at most \(Self.maximumItems) items"))
                return
            }
            for (index, item) in items.enumerated() {
                check(item, at: "\(path)[\(index)]", maxLength: maxLength, multiline: multiline, into: &found)
            }
        case .map(let entries):
            if entries.count > Self.maximumItems {
                found.append(FieldViolation(field: path, description: "must have at most \(Self.maximumItems) items"))
                return
            }
            for (key, item) in entries.sorted(by: { $0.key < $1.key }) {
                if let problem = Self.problem(with: key, maxLength: Self.defaultLength, multiline: false) {
                    found.append(FieldViolation(field: "\(path) key", description: problem))
                }
                check(item, at: "\(path)[\(key)]", maxLength: maxLength, multiline: multiline, into: &found)
            }
        case .message(let inner):
            for field in inner.fields {
                check(field.value, at: "\(path).\(field.name)", maxLength: Self.defaultLength, multiline: false, into: &found)
            }
        default:
            break
        }
    }

    /// What is wrong with `text`, if anything.
    private static func problem(with text: String, maxLength: Int, multiline: Bool) -> String? {
        TextLimit(maxLength: maxLength, multiline: multiline).problem(with: text)?.description
    }
}
