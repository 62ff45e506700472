/// What an alert is about: a lower-case code of letters, digits and hyphens, 2–64 characters,
/// e.g. `self-harm-risk`. Plugins may bring their own kinds.
public struct AlertKind: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String

    /// Any string; ``isValid`` says whether it is a well-formed code.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A person at risk of harming themselves.
    public static let selfHarmRisk = AlertKind(rawValue: "self-harm-risk")
    /// A person at risk of harming others (e.g. a severe-mental-disorder patient prone to incidents).
    public static let violenceRisk = AlertKind(rawValue: "violence-risk")
    /// A person under care or follow-up has gone missing.
    public static let missingPerson = AlertKind(rawValue: "missing-person")
    /// A severe mental disorder relapsing (000 §四(四)).
    public static let disorderRelapse = AlertKind(rawValue: "disorder-relapse")

    /// Whether the code is well formed: starts with a letter, then letters, digits or hyphens.
    public var isValid: Bool {
        let scalars = Array(rawValue.unicodeScalars)
        guard (2...64).contains(scalars.count), let first = scalars.first, ("a"..."z").contains(first),
              scalars.last != "-"
        else { return false }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    public var description: String { rawValue }
}
