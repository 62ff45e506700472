/// Resident identity card numbers (居民身份证号码, GB 11643): 17 digits and a check character.
public enum NationalID {
    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// The normalised number (spaces dropped, check character upper-case), or an
    /// `invalidArgument` naming `field` that never repeats the number itself.
    public static func normalise(_ raw: String, field: String) throws(CoordinationError) -> String {
        let cleaned = raw.filter { !$0.isWhitespace && $0 != "-" }.uppercased()
        let characters = Array(cleaned)
        guard characters.count == 18, characters.prefix(17).allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .invalidArgument(field: field, "must be an 18-character resident ID number")
        }
        let sum = zip(characters.prefix(17), weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        guard characters[17] == checkCharacters[sum % 11] else {
            throw .invalidArgument(field: field, "fails the ID number's check character")
        }
        return cleaned
    }

    /// Appends the check character to 17 digits (for tests and fixtures).
    public static func withCheckCharacter(_ seventeenDigits: String) -> String {
        let sum = zip(seventeenDigits, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return seventeenDigits + String(checkCharacters[sum % 11])
    }
}
