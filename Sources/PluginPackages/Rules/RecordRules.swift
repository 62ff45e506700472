import Foundation
import PluginAPI

/// The validation and routing rules of one record type of a plugin package, as the
/// administrator reviews them:
///
/// ```json
/// {
///   "validation": [
///     {"required": ["national_id", "assessed_at"]},
///     {"field": "follow_up_actions", "require": "count_nonblank(follow_up_actions) >= 1",
///      "message": "needs at least one action"}
///   ],
///   "routing": [
///     {"when": "result_level == 'ASSESSMENT_RESULT_SEVERE'",
///      "task": {"title": "Priority intervention", "detail": "…", "lead": "health", "dueInDays": 3}}
///   ]
/// }
/// ```
///
/// Either list may be left out. Decoding refuses unknown keys and unknown names; ``check(against:)``
/// then checks every rule against the record type at install time. Errors name the rule by its
/// list and 1-based place, e.g. `routing rule 2: task: dueInDays: must be from 1 to 365 days, not 0`.
public struct RecordRules: Sendable, Hashable {
    public var validation: [ValidationRule]
    public var routing: [RoutingRule]

    public init(validation: [ValidationRule] = [], routing: [RoutingRule] = []) {
        self.validation = validation
        self.routing = routing
    }

    /// The rules written as JSON in `data`.
    public init(json data: Data) throws(RuleError) {
        do {
            self = try JSONDecoder().decode(Self.self, from: data)
        } catch {
            throw RuleError(decoding: error)
        }
    }

    /// Checks every rule against `schema`, the record type the rules are for.
    public func check(against schema: any RecordSchema) throws(RuleError) {
        for (index, rule) in validation.enumerated() {
            try RuleError.within("validation rule \(index + 1)") { () throws(RuleError) in try rule.check(against: schema) }
        }
        for (index, rule) in routing.enumerated() {
            try RuleError.within("routing rule \(index + 1)") { () throws(RuleError) in try rule.check(against: schema) }
        }
    }

    /// Every violation of the validation rules in `message`, in rule order.
    public func violations(in message: RecordMessage, schema: any RecordSchema) -> [FieldViolation] {
        validation.flatMap { $0.violations(in: message, schema: schema) }
    }

    /// What the routing rules fire for `message`, a newly published record, in rule order.
    public func actions(for message: RecordMessage, schema: any RecordSchema) -> [RoutedAction] {
        routing.flatMap { $0.actions(for: message, schema: schema) }
    }

    /// One line per rule for the review screen, validation first.
    public var summary: [String] {
        validation.map(\.summary) + routing.map(\.summary)
    }
}

extension RecordRules: Codable {
    public init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: RuleJSONKey.self)
        try object.requireOnly(["validation", "routing"])
        validation = try Self.decodeList(in: object, key: "validation", naming: "validation rule")
        routing = try Self.decodeList(in: object, key: "routing", naming: "routing rule")
    }

    /// The rules at `key`, an error naming the rule by its 1-based place.
    private static func decodeList<Rule: Decodable>(
        in object: KeyedDecodingContainer<RuleJSONKey>, key: String, naming noun: String
    ) throws(RuleError) -> [Rule] {
        guard object.has(key) else { return [] }
        var list: any UnkeyedDecodingContainer
        do {
            list = try object.nestedUnkeyedContainer(forKey: RuleJSONKey(key))
        } catch {
            throw RuleError(decoding: error).within(key)
        }
        var rules: [Rule] = []
        while !list.isAtEnd {
            do {
                rules.append(try list.decode(Rule.self))
            } catch {
                throw RuleError(decoding: error).within("\(noun) \(rules.count + 1)")
            }
        }
        return rules
    }

    public func encode(to encoder: any Encoder) throws {
        var object = encoder.container(keyedBy: RuleJSONKey.self)
        try object.encode(validation, forKey: RuleJSONKey("validation"))
        try object.encode(routing, forKey: RuleJSONKey("routing"))
    }
}
