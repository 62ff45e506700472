import Foundation

/// Request bytes as hexadecimal text, as failures print them and child processes take them.
extension Array where Element == UInt8 {
    /// Bytes from hexadecimal digits (two a byte).
    init(hex: String) {
        let digits = Array<Character>(hex)
        self = stride(from: 0, to: digits.count - 1, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
    }

    /// The bytes as lower-case hexadecimal digits.
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
