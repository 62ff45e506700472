import X509

/// Hex rendering of certificate serial numbers, the one form used in the database and the CLI.
public enum CertificateSerial {
    /// Lower-case hex without separators.
    public static func hex(_ serial: Certificate.SerialNumber) -> String {
        serial.bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// Normalises user input: drops ':' and spaces, lower-cases; `nil` unless it is hex.
    public static func normalise(_ input: String) -> String? {
        let cleaned = input.lowercased().filter { $0 != ":" && $0 != " " }
        guard !cleaned.isEmpty, cleaned.count <= 64, cleaned.allSatisfy(\.isHexDigit) else { return nil }
        return cleaned
    }
}
