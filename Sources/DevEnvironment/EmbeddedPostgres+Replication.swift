import CoordinationPKI
import Foundation

extension EmbeddedPostgres {
    /// Makes this folder a streaming standby of the running cluster `primary` (a base backup
    /// taken with `pg_basebackup` as its superuser, replication set up to follow it), starts it on
    /// ``port`` (0: a free one) and returns how to connect: the primary's roles and passwords,
    /// this cluster's port. The standby serves reads only until ``promote()``.
    public func startStandby(of primary: Credentials) throws -> Credentials {
        let binaries = try Self.binaryDirectory()
        let fileManager = FileManager.default
        try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try fileManager.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        try fileManager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dataDirectory)
        try runner.handOver(dataDirectory)
        // -R writes the connection, password included, as the standby's primary_conninfo.
        try runner.run("\(binaries)/pg_basebackup", [
            "-d", "host=127.0.0.1 port=\(primary.port) user=\(primary.superuser) password=\(primary.superuserPassword)",
            "-D", dataDirectory, "-R", "-X", "stream", "--checkpoint=fast",
        ])
        var credentials = primary
        credentials.port = try startServer(binaries: binaries)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try SecureFile.write(String(decoding: try encoder.encode(credentials), as: UTF8.self), to: credentialsFile)
        return credentials
    }

    /// Promotes this standby to a primary that takes writes, and waits until it does.
    public func promote() throws {
        let binaries = try Self.binaryDirectory()
        logger.info("promoting PostgreSQL standby", metadata: ["data": "\(dataDirectory)"])
        try runner.run("\(binaries)/pg_ctl", ["-D", dataDirectory, "-w", "-t", "60", "promote"])
    }

    /// Stops the cluster at once, as a crash would: no checkpoint, sessions cut.
    public func stopImmediately() throws {
        let binaries = try Self.binaryDirectory()
        logger.info("stopping PostgreSQL immediately", metadata: ["data": "\(dataDirectory)"])
        try runner.run("\(binaries)/pg_ctl", ["-D", dataDirectory, "-m", "immediate", "-w", "stop"])
    }
}
