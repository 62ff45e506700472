/// A level of the administrative hierarchy (seed 000 §五(一)).
public enum JurisdictionLevel: Int, Sendable, CaseIterable, Comparable, Codable {
    case province = 1
    case city = 2
    /// County or district (县/区).
    case county = 3
    /// Township or street (乡镇/街道).
    case township = 4
    /// Village or community (村/社区).
    case community = 5

    /// The level directly below this one, if any.
    public var child: JurisdictionLevel? { JurisdictionLevel(rawValue: rawValue + 1) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
