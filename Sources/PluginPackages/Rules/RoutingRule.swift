import PluginAPI

/// What a newly published record fires, as written in a plugin package: one action, under an
/// optional condition.
///
/// ```json
/// {"when": "risk_grade >= 3",
///  "alert": {"severity": "high", "kind": "violence-risk", "targets": ["public-security"],
///            "summary": "Grade {risk_grade} patient in {township_code}"}}
/// {"when": "risk_grade >= 3",
///  "referral": {"to": "health", "reason": "Crisis screening in school {school_code}", "urgency": "emergency",
///               "consent": {"kind": "emergency-override", "text": "Crisis intervention cannot wait for consent"}}}
/// {"when": "risk_grade >= 3",
///  "task": {"title": "Joint follow-up in {township_code}", "detail": "Visit within the week",
///           "lead": "health", "cooperating": ["public-security", "civil-affairs"],
///           "dueInDays": 7, "priority": "high"}}
/// ```
///
/// `urgency` may be left out (the plugin's referral default applies), as may `cooperating`
/// (none) and `priority` (normal).
public struct RoutingRule: Sendable, Hashable {
    /// The action a rule fires.
    public enum Action: Sendable, Hashable {
        case alert(Alert)
        case referral(Referral)
        case task(Task)
    }

    /// The condition under which the rule fires; `nil`: on every record.
    public var when: RuleExpression?
    public var action: Action

    public init(when: RuleExpression?, action: Action) {
        self.when = when
        self.action = action
    }

    /// The longest department code or alert kind.
    static let maximumCodeLength = 64

    /// Checks `code`, a department code or an alert kind: lower-case letters, digits and hyphens.
    static func checkCode(_ code: String, _ what: String) throws(RuleError) {
        let valid =
            code.count <= maximumCodeLength && code.first?.isLetter == true
            && code.allSatisfy { $0 == "-" || ($0.isASCII && ($0.isLowercase || $0.isNumber)) }
        guard valid else {
            throw RuleError("\(what) '\(code)' must be a code of lower-case letters, digits and hyphens, e.g. public-security")
        }
    }

    /// Checks that `template` says something.
    static func checkNotBlank(_ template: RuleTemplate, _ key: String) throws(RuleError) {
        guard !template.parts.isEmpty, !(template.fieldPaths.isEmpty && template.literalText.allSatisfy(\.isWhitespace)) else {
            throw RuleError("\(key): must not be empty")
        }
    }

    /// Checks the rule against the record type it routes: its condition, its texts' fields,
    /// and its action's codes and numbers.
    public func check(against schema: any RecordSchema) throws(RuleError) {
        try RuleError.within("when") { () throws(RuleError) in try when?.check(against: schema) }
        switch action {
        case .alert(let alert): try RuleError.within("alert") { () throws(RuleError) in try alert.check(against: schema) }
        case .referral(let referral): try RuleError.within("referral") { () throws(RuleError) in try referral.check(against: schema) }
        case .task(let task): try RuleError.within("task") { () throws(RuleError) in try task.check(against: schema) }
        }
    }

    /// What the rule fires for `message`, a newly published record of the type `schema`
    /// describes: its action, or nothing when its condition does not hold.
    public func actions(for message: RecordMessage, schema: any RecordSchema) -> [RoutedAction] {
        if let when, !when.evaluate(message, schema: schema) { return [] }
        switch action {
        case .alert(let alert): return [.alert(alert.request(for: message, schema: schema))]
        case .referral(let referral): return [.referral(referral.request(for: message, schema: schema))]
        case .task(let task): return [.task(task.request(for: message, schema: schema))]
        }
    }

    /// The rule in one line of plain English for the review screen, e.g.
    /// `When risk_grade >= 3: a task "Joint follow-up" led by health with public-security, civil-affairs; due in 7 days, high priority`.
    public var summary: String {
        let condition = when.map { "When \($0): " } ?? "On every record: "
        switch action {
        case .alert(let alert): return condition + alert.summaryLine
        case .referral(let referral): return condition + referral.summaryLine
        case .task(let task): return condition + task.summaryLine
        }
    }
}

extension RoutingRule: Codable {
    public init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: RuleJSONKey.self)
        try object.requireOnly(["when", "alert", "referral", "task"])
        let actions = ["alert", "referral", "task"].filter(object.has)
        guard actions.count == 1 else {
            throw RuleError(
                actions.isEmpty
                    ? "needs an action: \"alert\", \"referral\" or \"task\""
                    : "has \(actions.map { "\"\($0)\"" }.joined(separator: " and ")); write one action per rule")
        }
        when = try object.optionalValue("when")
        switch actions[0] {
        case "alert": action = .alert(try object.value("alert"))
        case "referral": action = .referral(try object.value("referral"))
        default: action = .task(try object.value("task"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var object = encoder.container(keyedBy: RuleJSONKey.self)
        try object.encodeIfPresent(when, forKey: RuleJSONKey("when"))
        switch action {
        case .alert(let alert): try object.encode(alert, forKey: RuleJSONKey("alert"))
        case .referral(let referral): try object.encode(referral, forKey: RuleJSONKey("referral"))
        case .task(let task): try object.encode(task, forKey: RuleJSONKey("task"))
        }
    }
}
