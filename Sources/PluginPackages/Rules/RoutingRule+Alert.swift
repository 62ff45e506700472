import PluginAPI

extension RoutingRule {
    /// A crisis alert a routing rule raises: `{"severity": "high", "kind": "violence-risk",
    /// "targets": ["public-security"], "summary": "Grade {risk_grade} patient"}`.
    public struct Alert: Sendable, Hashable {
        public var severity: AlertSeverity
        /// A lower-case code such as `self-harm-risk`.
        public var kind: String
        /// The departments that must acknowledge, by code; at least one.
        public var targets: [String]
        public var summary: RuleTemplate

        public init(severity: AlertSeverity, kind: String, targets: [String], summary: RuleTemplate) {
            self.severity = severity
            self.kind = kind
            self.targets = targets
            self.summary = summary
        }

        /// Checks the kind, the targets and the summary's fields.
        func check(against schema: any RecordSchema) throws(RuleError) {
            try RoutingRule.checkCode(kind, "kind")
            guard !targets.isEmpty else { throw RuleError("targets: names no department") }
            for (index, target) in targets.enumerated() {
                try RoutingRule.checkCode(target, "target")
                guard !targets[..<index].contains(target) else { throw RuleError("targets: names \(target) twice") }
            }
            try RoutingRule.checkNotBlank(summary, "summary")
            try RuleError.within("summary") { () throws(RuleError) in try summary.check(against: schema) }
        }

        /// The alert for `message`.
        func request(for message: RecordMessage, schema: any RecordSchema) -> AlertRequest {
            AlertRequest(severity: severity, kind: kind, targets: targets, summary: summary.render(message, schema: schema))
        }

        /// E.g. `a high-severity violence-risk alert to public-security: "Grade {risk_grade} patient"`.
        var summaryLine: String {
            "a \(severity.rawValue)-severity \(kind) alert to \(targets.joined(separator: ", ")): \"\(summary)\""
        }
    }
}

extension RoutingRule.Alert: Codable {
    public init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: RuleJSONKey.self)
        try object.requireOnly(["severity", "kind", "targets", "summary"])
        severity = try object.choice("severity")
        kind = try object.value("kind")
        targets = try object.value("targets")
        summary = try object.value("summary")
    }

    public func encode(to encoder: any Encoder) throws {
        var object = encoder.container(keyedBy: RuleJSONKey.self)
        try object.encode(severity, forKey: RuleJSONKey("severity"))
        try object.encode(kind, forKey: RuleJSONKey("kind"))
        try object.encode(targets, forKey: RuleJSONKey("targets"))
        try object.encode(summary, forKey: RuleJSONKey("summary"))
    }
}
