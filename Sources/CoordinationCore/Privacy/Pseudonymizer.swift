import Crypto
import Foundation

/// Matches persons across departments without revealing who they are: the keyed pseudonym of
/// a normalised national ID number is HMAC-SHA256 under a deployment secret.
public struct Pseudonymizer: Sendable {
    private let key: SymmetricKey

    /// `secret` must hold at least 32 bytes.
    public init(secret: [UInt8]) throws(CoordinationError) {
        guard secret.count >= 32 else {
            throw .invalidArgument(field: "privacy.pseudonym-key", "must be at least 32 bytes (64 hex characters)")
        }
        key = SymmetricKey(data: secret)
    }

    /// Reads a hex-encoded secret.
    public init(hexSecret: String) throws(CoordinationError) {
        guard let bytes = [UInt8](hexString: hexSecret.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw .invalidArgument(field: "privacy.pseudonym-key", "must be hex-encoded")
        }
        try self.init(secret: bytes)
    }

    /// The pseudonym of a national ID number, after validating and normalising it.
    public func pseudonym(nationalID raw: String, field: String) throws(CoordinationError) -> String {
        let normalised = try NationalID.normalise(raw, field: field)
        let mac = HMAC<SHA256>.authenticationCode(for: Array(normalised.utf8), using: key)
        return "p1:" + Data(mac).hex
    }

    /// A new random secret, hex-encoded (for dev mode and first installs).
    public static func generateHexSecret() -> String {
        (0..<32).map { _ in UInt8.random(in: 0...255) }.hex
    }
}
