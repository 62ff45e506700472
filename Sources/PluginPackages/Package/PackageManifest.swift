import Foundation

/// What a plugin package declares, as its author writes it in `plugin.json` and as the signed
/// package carries it: the plugin's identity, its record types with their fields' sensitivities,
/// views and rules, its indicators and its migrations.
///
/// In `plugin.json` a migration names its SQL file (`"file"`); in a built package it carries the
/// statements (`"statements"`), and the package carries the compiled descriptor set beside it.
public struct PackageManifest: Codable, Sendable {
    /// The package format this manifest follows; this server reads format 1.
    public var format: Int
    /// The plugin id, lower-case letters, digits and hyphens, e.g. `"health"`.
    public var id: String
    /// Semantic version, `MAJOR.MINOR.PATCH`.
    public var version: String
    /// The code of the department the plugin serves and whose systems publish its records.
    public var department: String
    /// A name people read, e.g. `"Health (卫生健康)"`.
    public var displayName: String
    /// Who publishes the package, e.g. the department's IT office; shown on review.
    public var publisher: String
    /// The `.proto` files compiled into the descriptor set, relative to `protoRoot`.
    public var protos: [String]
    /// The folder `protos` are found in (and imports resolved from), relative to `plugin.json`;
    /// `"proto"` when omitted.
    public var protoRoot: String?
    public var recordTypes: [RecordType]
    /// Defaults for the referrals the department makes.
    public var referralDefaults: [ReferralDefault]?
    /// Further words on routing shown on review, beside the summary of each routing rule.
    public var routingNotes: [String]?
    public var indicators: [Indicator]?
    public var migrations: [Migration]?

    /// One record type: a message of the descriptor set, and what the server may do with it.
    public struct RecordType: Codable, Sendable {
        /// The fully-qualified message name, e.g. `"coordination.health.v1.FollowUpVisit"`.
        public var message: String
        public var description: String
        /// Every field of the message, each with its sensitivity.
        public var fields: [Field]
        /// Views for departments other than the publisher; nothing else is shown to them.
        public var views: [View]
        /// The field holding the subject's national ID number, if records name a person.
        public var subjectField: String?
        /// The integer (or enum) field holding the record's risk level, if it has one.
        public var riskLevelField: String?
        /// Checked before a record is stored; each failing rule names its field.
        public var rules: [ValidationRule]?
        /// What a newly stored record opens: alerts, referrals, tasks.
        public var routing: [RoutingRule]?
    }

    /// A field's sensitivity, and limits beyond the defaults (256 characters on one line).
    public struct Field: Codable, Sendable, Hashable {
        public var name: String
        /// `identity`, `contact`, `location`, `health`, `criminal`, `victim` or `general`.
        public var sensitivity: String
        /// Never disclosed outside the publishing department, whatever a view grants.
        public var publisherOnly: Bool?
        /// The most characters of a string field (default 256; at most 10,000).
        public var maxLength: Int?
        /// A string field may hold line breaks and tabs.
        public var multiline: Bool?
    }

    /// A view: which departments see which sensitivities, for which purposes and legal bases.
    public struct View: Codable, Sendable, Hashable {
        /// Department codes, or `["*"]` for every department.
        public var viewers: [String]
        public var purposes: [String]
        public var legalBases: [String]
        public var sensitivities: [String]
        /// Only records whose risk level is at least this are shown through the view.
        public var minimumRiskLevel: Int?
    }

    /// A referral default of the department, e.g. a green channel to health.
    public struct ReferralDefault: Codable, Sendable, Hashable {
        public var to: String
        /// `emergency`, `urgent` or `routine`.
        public var urgency: String
    }

    /// An indicator with stepped targets and its source.
    public struct Indicator: Codable, Sendable, Hashable {
        public var code: String
        public var nameZh: String
        public var nameEn: String
        public var numerator: String
        public var denominator: String
        /// `percent`, `count`, or `per-N` (a ratio per N, e.g. `per-10000`).
        public var unit: String
        /// The target is a ceiling rather than a floor.
        public var atMost: Bool?
        /// The jurisdiction level the indicator is reported at, e.g. `county`.
        public var level: String
        /// `year`, `quarter` or `month`; `year` when omitted.
        public var period: String?
        /// The policy document and section the indicator comes from, cited by title.
        public var source: String
        public var targets: [Target]
    }

    /// One step of an indicator's target.
    public struct Target: Codable, Sendable, Hashable {
        public var threshold: Double
        /// `YYYY-MM-DD`.
        public var by: String
    }

    /// One of the plugin's own schema steps, run once, in version order.
    public struct Migration: Codable, Sendable, Hashable {
        public var version: Int
        public var name: String
        /// In `plugin.json`: the SQL file, relative to it.
        public var file: String?
        /// In a built package: the statements, in order.
        public var statements: [String]?
    }
}
