import X509

/// Hex rendering of certificate serial numbers, the one form used in the database and the CLI:
/// lower-case, no separators, no leading zeros — so that `00A1:b2`, `a1b2` and `0xA1B2` are one
/// serial.
public enum CertificateSerial {
    /// The canonical hex form of `serial`.
    public static func hex(_ serial: Certificate.SerialNumber) -> String {
        canonical(serial.bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined())
    }

    /// Normalises user input: drops a `0x` prefix, ':' and spaces, lower-cases and drops leading
    /// zeros; `nil` unless it is hex.
    public static func normalise(_ input: String) -> String? {
        var cleaned = input.lowercased().filter { $0 != ":" && $0 != " " }
        if cleaned.hasPrefix("0x") { cleaned.removeFirst(2) }
        guard !cleaned.isEmpty, cleaned.count <= 64, cleaned.allSatisfy(\.isHexDigit) else { return nil }
        return canonical(cleaned)
    }

    private static func canonical(_ hex: String) -> String {
        let trimmed = hex.drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : String(trimmed)
    }
}
