/// The limit every text a client sends keeps: at most so many Unicode scalars, and no control
/// characters but — where several lines are allowed — line breaks and tabs. One rule for the
/// API's own fields and for the fields of packaged record types.
public struct TextLimit: Sendable, Equatable {
    /// The most Unicode scalars.
    public var maxLength: Int
    /// Line breaks and tabs allowed.
    public var multiline: Bool

    public init(maxLength: Int, multiline: Bool) {
        self.maxLength = maxLength
        self.multiline = multiline
    }

    /// What is wrong with `text`, if anything.
    public func problem(with text: String) -> Localized? {
        var count = 0
        for scalar in text.unicodeScalars {
            count += 1
            let value = scalar.value
            let isControl = value < 0x20 || (0x7F...0x9F).contains(value)
            if isControl && !(multiline && (value == 0x0A || value == 0x0D || value == 0x09)) {
                return multiline
                    ? "must not contain control characters other than line breaks and tabs"
                    : "must not contain control characters (no NUL, line breaks or tabs)"
            }
        }
        return count > maxLength ? "must be at most \(maxLength) characters" : nil
    }
}
