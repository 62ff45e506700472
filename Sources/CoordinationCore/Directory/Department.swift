/// A member department of the social psychological service system.
public struct Department: Sendable, Hashable, Codable {
    /// Stable identifier, e.g. `"public-security"`.
    public var code: String
    public var nameZh: String
    public var nameEn: String
    /// The jurisdiction the department serves.
    public var jurisdictionCode: String
    /// Why the department is disabled; `nil` while it is active. The certificates of a disabled
    /// department are refused.
    public var disabledReason: String?

    public init(code: String, nameZh: String, nameEn: String, jurisdictionCode: String, disabledReason: String? = nil) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.jurisdictionCode = jurisdictionCode
        self.disabledReason = disabledReason
    }
}
