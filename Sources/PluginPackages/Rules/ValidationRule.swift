import PluginAPI

/// A check a record must pass before it is stored, as written in a plugin package:
///
/// ```json
/// {"required": ["national_id", "assessed_at"]}
/// {"required": ["guardian_contact"], "when": "category == 'CATEGORY_LEFT_BEHIND_CHILD'"}
/// {"field": "risk_grade", "require": "risk_grade >= 0 && risk_grade <= 5",
///  "message": "must be a grade from 0 to 5", "when": "present(visited_at)"}
/// ```
public enum ValidationRule: Sendable, Hashable {
    /// Each field must be present and not blank, else it "is required".
    case required(fields: [String], when: RuleExpression?)
    /// `require` must hold, else a violation of `field` saying `message`.
    case requirement(field: String, require: RuleExpression, message: String, when: RuleExpression?)

    /// The condition under which the rule applies; `nil`: always.
    public var when: RuleExpression? {
        switch self {
        case .required(_, let when), .requirement(_, _, _, let when): when
        }
    }

    /// Checks the rule against the record type it validates: every field and expression.
    public func check(against schema: any RecordSchema) throws(RuleError) {
        try RuleError.within("when") { () throws(RuleError) in try when?.check(against: schema) }
        switch self {
        case .required(let fields, _):
            guard !fields.isEmpty else { throw RuleError("required: names no field") }
            for (index, field) in fields.enumerated() {
                guard !fields[..<index].contains(field) else { throw RuleError("required: names \(field) twice") }
                _ = try RuleError.within("required") { () throws(RuleError) in try RuleExpression.fieldKind(at: field, in: schema) }
            }
        case .requirement(let field, let require, let message, _):
            _ = try RuleError.within("field") { () throws(RuleError) in try RuleExpression.fieldKind(at: field, in: schema) }
            try RuleError.within("require") { () throws(RuleError) in try require.check(against: schema) }
            guard !message.allSatisfy(\.isWhitespace) else { throw RuleError("message: must say what is wrong") }
        }
    }

    /// The violations of the rule in `message`, a record of the type `schema` describes.
    public func violations(in message: RecordMessage, schema: any RecordSchema) -> [FieldViolation] {
        if let when, !when.evaluate(message, schema: schema) { return [] }
        switch self {
        case .required(let fields, _):
            return fields.filter { field in
                message.value(at: field) == nil || RuleExpression.isBlank(schema.value(at: field, in: message))
            }.map { FieldViolation(field: $0, description: "is required") }
        case .requirement(let field, let require, let description, _):
            return require.evaluate(message, schema: schema) ? [] : [FieldViolation(field: field, description: description)]
        }
    }

    /// The rule in one line for the review screen, e.g.
    /// `risk_grade "must be a grade from 0 to 5" unless risk_grade >= 0 && risk_grade <= 5`.
    public var summary: String {
        let condition = when.map { "When \($0): " } ?? ""
        switch self {
        case .required(let fields, _):
            let names =
                fields.count <= 1
                ? fields.joined() : fields.dropLast().joined(separator: ", ") + " and " + fields[fields.count - 1]
            return condition + names + (fields.count == 1 ? " is required" : " are required")
        case .requirement(let field, let require, let message, _):
            return condition + "\(field) \"\(message)\" unless \(require)"
        }
    }
}

extension ValidationRule: Codable {
    public init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: RuleJSONKey.self)
        let when = try object.optionalValue("when", as: RuleExpression.self)
        if object.has("required") {
            try object.requireOnly(["required", "when"])
            self = .required(fields: try object.value("required"), when: when)
        } else {
            try object.requireOnly(["field", "require", "message", "when"])
            self = .requirement(
                field: try object.value("field"), require: try object.value("require"), message: try object.value("message"),
                when: when)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var object = encoder.container(keyedBy: RuleJSONKey.self)
        switch self {
        case .required(let fields, _):
            try object.encode(fields, forKey: RuleJSONKey("required"))
        case .requirement(let field, let require, let message, _):
            try object.encode(field, forKey: RuleJSONKey("field"))
            try object.encode(require, forKey: RuleJSONKey("require"))
            try object.encode(message, forKey: RuleJSONKey("message"))
        }
        try object.encodeIfPresent(when, forKey: RuleJSONKey("when"))
    }
}
