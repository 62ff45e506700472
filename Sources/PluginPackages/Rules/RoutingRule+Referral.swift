import Foundation
import PluginAPI

extension RoutingRule {
    /// A service referral a routing rule opens: `{"to": "health", "reason": "…", "urgency":
    /// "emergency", "consent": {"kind": "emergency-override", "text": "…"}}`; `urgency` may be
    /// left out for the plugin's default.
    public struct Referral: Sendable, Hashable {
        /// The consent a referral states, or the ground on which it proceeds without it.
        public struct Consent: Sendable, Hashable {
            /// ``ReferralConsent``'s kinds, by their names.
            public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
                case given
                case notRequired = "not-required"
                case emergencyOverride = "emergency-override"
            }

            public var kind: Kind
            /// The reference, the legal basis or the justification; its fields are written out
            /// in full, as the consent is audited as plain text.
            public var text: RuleTemplate

            public init(kind: Kind, text: RuleTemplate) {
                self.kind = kind
                self.text = text
            }
        }

        /// The receiving department's code.
        public var to: String
        public var reason: RuleTemplate
        /// `nil`: the plugin's referral default for the receiver applies.
        public var urgency: ReferralUrgency?
        public var consent: Consent

        public init(to: String, reason: RuleTemplate, urgency: ReferralUrgency?, consent: Consent) {
            self.to = to
            self.reason = reason
            self.urgency = urgency
            self.consent = consent
        }

        /// The shortest justification, in words of the rule itself, for overriding consent.
        static let minimumJustification = 10

        /// Checks the receiver, the texts' fields and the consent.
        func check(against schema: any RecordSchema) throws(RuleError) {
            try RoutingRule.checkCode(to, "to")
            try RoutingRule.checkNotBlank(reason, "reason")
            try RuleError.within("reason") { () throws(RuleError) in try reason.check(against: schema) }
            try RoutingRule.checkNotBlank(consent.text, "consent: text")
            if consent.kind == .emergencyOverride,
                consent.text.literalText.trimmingCharacters(in: .whitespacesAndNewlines).count < Self.minimumJustification
            {
                throw RuleError(
                    "consent: text: overriding consent needs a justification of at least \(Self.minimumJustification) characters of its own words")
            }
            try RuleError.within("consent: text") { () throws(RuleError) in try consent.text.check(against: schema) }
        }

        /// The referral for `message`.
        func request(for message: RecordMessage, schema: any RecordSchema) -> ReferralRequest {
            let text = consent.text.render(message, schema: schema).description
            let stated: ReferralConsent =
                switch consent.kind {
                case .given: .given(reference: text)
                case .notRequired: .notRequired(legalBasis: text)
                case .emergencyOverride: .emergencyOverride(justification: text)
                }
            return ReferralRequest(toDepartment: to, reason: reason.render(message, schema: schema), urgency: urgency, consent: stated)
        }

        /// E.g. `a referral to health, emergency, consent overridden in an emergency ("…"): "…"`.
        var summaryLine: String {
            let urgencyWords = urgency.map(\.rawValue) ?? "urgency by the plugin's default"
            let consentWords =
                switch consent.kind {
                case .given: "consent given (\"\(consent.text)\")"
                case .notRequired: "consent not required under \"\(consent.text)\""
                case .emergencyOverride: "consent overridden in an emergency (\"\(consent.text)\")"
                }
            return "a referral to \(to), \(urgencyWords), \(consentWords): \"\(reason)\""
        }
    }
}

extension RoutingRule.Referral: Codable {
    public init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: RuleJSONKey.self)
        try object.requireOnly(["to", "reason", "urgency", "consent"])
        to = try object.value("to")
        reason = try object.value("reason")
        urgency = object.has("urgency") ? try object.choice("urgency") : nil
        consent = try object.value("consent")
    }

    public func encode(to encoder: any Encoder) throws {
        var object = encoder.container(keyedBy: RuleJSONKey.self)
        try object.encode(to, forKey: RuleJSONKey("to"))
        try object.encode(reason, forKey: RuleJSONKey("reason"))
        try object.encodeIfPresent(urgency, forKey: RuleJSONKey("urgency"))
        try object.encode(consent, forKey: RuleJSONKey("consent"))
    }
}

extension RoutingRule.Referral.Consent: Codable {
    public init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: RuleJSONKey.self)
        try object.requireOnly(["kind", "text"])
        kind = try object.choice("kind")
        text = try object.value("text")
    }

    public func encode(to encoder: any Encoder) throws {
        var object = encoder.container(keyedBy: RuleJSONKey.self)
        try object.encode(kind, forKey: RuleJSONKey("kind"))
        try object.encode(text, forKey: RuleJSONKey("text"))
    }
}
