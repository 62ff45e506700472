import Foundation

/// The CA's record of what it issued, kept as `issued.json` beside the CA key.
public struct CertificateLedger: Sendable {
    /// One issued certificate.
    public struct Entry: Codable, Sendable, Hashable {
        public var serial: String
        /// `server`, `system` or `person`.
        public var kind: String
        public var commonName: String
        public var departmentCode: String?
        public var role: String?
        public var notAfter: Date
        public var certificatePath: String
        /// Set by `coord pki revoke` once the server accepted the revocation.
        public var revokedAt: Date?

        public init(
            serial: String, kind: String, commonName: String, departmentCode: String?, role: String?,
            notAfter: Date, certificatePath: String, revokedAt: Date? = nil
        ) {
            self.serial = serial
            self.kind = kind
            self.commonName = commonName
            self.departmentCode = departmentCode
            self.role = role
            self.notAfter = notAfter
            self.certificatePath = certificatePath
            self.revokedAt = revokedAt
        }
    }

    /// Path of the ledger file.
    public let path: String

    public init(directory: String) {
        self.path = (directory as NSString).appendingPathComponent("issued.json")
    }

    /// Every entry, oldest first; empty if nothing was issued yet.
    public func entries() throws -> [Entry] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try Self.decoder.decode([Entry].self, from: data)
    }

    /// Adds or replaces (by serial) an entry.
    public func record(_ entry: Entry) throws {
        var all = try entries().filter { $0.serial != entry.serial }
        all.append(entry)
        try save(all)
    }

    /// The entry for `serial`, in any spelling ``CertificateSerial/normalise(_:)`` accepts.
    public func entry(serial: String) throws -> Entry? {
        let wanted = CertificateSerial.normalise(serial)
        return try entries().first { CertificateSerial.normalise($0.serial) == wanted }
    }

    /// Marks `serial` revoked; returns false if the ledger does not know it.
    @discardableResult
    public func markRevoked(_ serial: String, at date: Date) throws -> Bool {
        var all = try entries()
        let wanted = CertificateSerial.normalise(serial)
        guard let index = all.firstIndex(where: { CertificateSerial.normalise($0.serial) == wanted }) else { return false }
        all[index].revokedAt = date
        try save(all)
        return true
    }

    private func save(_ entries: [Entry]) throws {
        let data = try Self.encoder.encode(entries)
        try SecureFile.writePublic(String(decoding: data, as: UTF8.self), to: path)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
