/// A node of the jurisdiction tree: county → township/street → community/village.
public struct Jurisdiction: Sendable, Hashable, Codable {
    public var code: String
    public var nameZh: String
    public var nameEn: String
    public var level: JurisdictionLevel
    /// `nil` for a root.
    public var parentCode: String?

    public init(code: String, nameZh: String, nameEn: String, level: JurisdictionLevel, parentCode: String?) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.level = level
        self.parentCode = parentCode
    }
}
