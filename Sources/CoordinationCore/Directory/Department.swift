/// A member department of the social psychological service system.
public struct Department: Sendable, Hashable, Codable {
    /// Stable identifier, e.g. `"public-security"`.
    public var code: String
    public var nameZh: String
    public var nameEn: String
    /// The jurisdiction the department serves.
    public var jurisdictionCode: String

    public init(code: String, nameZh: String, nameEn: String, jurisdictionCode: String) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.jurisdictionCode = jurisdictionCode
    }
}
