import Foundation

/// A coordinator's defaults, so that not every command needs `--server` and `--identity`:
/// `$COORD_CONFIG`, or `~/.config/coord/config.json` (`$XDG_CONFIG_HOME/coord/config.json`),
/// a JSON object with any of `server`, `identity`, `pki-dir`, `cert`, `key`, `ca`, `tz` and `lang`.
/// Flags win over environment variables (`COORD_SERVER`, `COORD_IDENTITY`, `COORD_PKI_DIR`,
/// `COORD_CERT`, `COORD_KEY`, `COORD_CA`, `TZ`, `LANG`), which win over the file.
struct Profile: Decodable {
    var server: String?
    var identity: String?
    var pkiDir: String?
    var cert: String?
    var key: String?
    var ca: String?
    var tz: String?
    var lang: String?

    enum CodingKeys: String, CodingKey {
        case server, identity, pkiDir = "pki-dir", cert, key, ca, tz, lang
    }

    /// The file's path.
    static var path: String {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["COORD_CONFIG"], !path.isEmpty { return path }
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".config")
        return (base as NSString).appendingPathComponent("coord/config.json")
    }

    /// The profile in ``path``, read once per run; empty when there is none. A file that cannot
    /// be read is an error.
    static func load() throws -> Profile {
        try loaded.get()
    }

    private static let loaded = Result<Profile, any Error> { try read() }

    private static func read() throws -> Profile {
        guard let data = FileManager.default.contents(atPath: path) else { return Profile() }
        do {
            return try JSONDecoder().decode(Profile.self, from: data)
        } catch {
            throw CLIError(tr("\(path) is not a valid profile (a JSON object with server, identity, pki-dir, cert, key, ca, tz, lang): \(error)"))
        }
    }

    /// The development certificates nearest the current folder: `var/pki` here or in a parent.
    static func nearestPKI() -> String? {
        var folder = FileManager.default.currentDirectoryPath
        while true {
            let candidate = (folder as NSString).appendingPathComponent("var/pki")
            if FileManager.default.fileExists(atPath: (candidate as NSString).appendingPathComponent("ca.crt")) { return candidate }
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder || parent.isEmpty { return nil }
            folder = parent
        }
    }
}
