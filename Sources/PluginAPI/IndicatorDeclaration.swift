/// An indicator the plugin's department reports (BRIEF.md "Indicators with targets"), defined
/// with its targets when the plugin is installed and owned by the plugin's department.
///
/// ```swift
/// IndicatorDeclaration(
///     code: "community-counselling-rooms", nameZh: "设立心理咨询室或社会工作室的村（社区）比例",
///     nameEn: "Villages/communities with a counselling or social-work room",
///     numerator: "villages/communities with a room", denominator: "villages/communities",
///     unit: .percent, level: "township", source: "001, 004 附件3 (六)",
///     targets: [.init(20, by: "2019-12-31"), .init(50, by: "2020-12-31"), .init(80, by: "2021-12-31")])
/// ```
public struct IndicatorDeclaration: Sendable, Hashable {
    /// How the value is expressed.
    public enum Unit: Sendable, Hashable {
        /// Numerator over denominator × 100.
        case percent
        /// Numerator per `per` of the denominator, e.g. teachers per 4000 students.
        case ratio(per: Int)
        /// The numerator alone.
        case count
    }

    /// One target step: a threshold in the indicator's unit and its deadline (`YYYY-MM-DD`).
    public struct Target: Sendable, Hashable {
        public var threshold: Double
        public var deadline: String

        public init(_ threshold: Double, by deadline: String) {
            self.threshold = threshold
            self.deadline = deadline
        }
    }

    /// Stable identifier, lower-case with hyphens.
    public var code: String
    public var nameZh: String
    public var nameEn: String
    /// What is counted above the line.
    public var numerator: String
    /// What is counted below the line; empty for a count.
    public var denominator: String
    public var unit: Unit
    /// Whether the value must stay at or under the targets instead of reaching them.
    public var atMost: Bool
    /// The jurisdiction level reported for: `province`, `city`, `county`, `township` or `community`.
    public var level: String
    /// `year`, `quarter` or `month`.
    public var period: String
    /// The policy text it comes from, e.g. `"001, 004 附件3 (六)"`.
    public var source: String
    /// Target steps in deadline order.
    public var targets: [Target]

    public init(
        code: String, nameZh: String, nameEn: String, numerator: String, denominator: String, unit: Unit,
        atMost: Bool = false, level: String, period: String = "year", source: String, targets: [Target]
    ) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.numerator = numerator
        self.denominator = denominator
        self.unit = unit
        self.atMost = atMost
        self.level = level
        self.period = period
        self.source = source
        self.targets = targets
    }
}
