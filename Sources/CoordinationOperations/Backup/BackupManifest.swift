import CoordinationCore
import Crypto
import Foundation

/// What a backup folder holds, written last as `MANIFEST.json`: the product and schema version
/// it came from, the database and its roles, which keys it holds (each optional, each named),
/// and the SHA-256 of every file, checked before anything is restored.
public struct BackupManifest: Codable, Sendable, Equatable {
    public static let fileName = "MANIFEST.json"
    /// The layout of the folder; a restore refuses one it does not know.
    public static let currentFormat = 1

    public var format: Int
    public var productVersion: String
    public var schemaVersion: Int
    public var database: String
    public var postgresVersion: String
    public var createdAt: Date
    /// Entries in the audit chain when the backup was taken.
    public var auditChainLength: Int64
    public var roles: [String]
    public var passwordsIncluded: Bool
    public var pseudonymKeyIncluded: Bool
    public var auditCheckpointKeyIncluded: Bool
    public var certificateAuthorityIncluded: Bool
    /// Path within the folder → SHA-256, hex.
    public var files: [String: String]

    /// The SHA-256 of the file at `path`, hex, read in pieces.
    static func digest(ofFile path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BackupError("cannot read \(path)") }
        defer { try? handle.close() }
        var hash = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hash.update(data: chunk)
        }
        return Data(hash.finalize()).hex
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
