import Configuration
import CoordinationCore
import CoordinationStorage
import Logging
import SystemPackage

/// Everything the server needs to start, read from flags, environment and a JSON file.
///
/// Every key is documented in `ops/CONFIGURATION.md`. Environment variables use the key
/// upper-cased with `.` and `-` as `_` and the `COORD_` prefix (`database.host` →
/// `COORD_DATABASE_HOST`).
public struct ServerConfiguration: Sendable {
    /// Address to listen on (`listen.host`, default `127.0.0.1`).
    public var listenHost: String
    /// Port to listen on (`listen.port`, default `8443`; `0` picks a free port).
    public var listenPort: Int
    /// PEM server certificate (`tls.certificate`).
    public var certificatePath: String
    /// PEM private key of the server certificate (`tls.key`).
    public var keyPath: String
    /// PEM CA certificate(s) whose client certificates are accepted (`tls.client-ca`).
    public var clientCAPath: String
    /// The runtime role's connection (`database.*`).
    public var database: DatabaseSettings
    /// The schema owner's connection, used only to migrate at start (`database.migrator.*`).
    /// `nil`: the server waits for someone to run `coord migrate`.
    public var migrator: DatabaseSettings?
    /// How long one database operation may take before the call fails with UNAVAILABLE
    /// (`database.timeout-ms`, default 5000).
    public var databaseTimeout: Duration
    /// Log level (`log.level`, default `info`).
    public var logLevel: Logger.Level
    /// How log lines are written (`log.format`, default `text`).
    public var logFormat: LogFormat = .text
    /// Address of the Prometheus endpoint (`metrics.host`, default `127.0.0.1`).
    public var metricsHost = "127.0.0.1"
    /// Port of the Prometheus endpoint, plain HTTP (`metrics.port`, default 9464 when read from
    /// the configuration; `0` picks a free one); `nil` serves no metrics.
    public var metricsPort: Int?

    /// How log lines are written: `text` for people, `json` (one object per line) for a log
    /// collector.
    public enum LogFormat: String, Sendable {
        case text, json
    }
    /// How often a stream subscriber (records, notices, meetings) re-reads when no
    /// notification arrives (`sharing.poll-interval-ms`, default 2000). Notifications normally
    /// wake it at once.
    public var subscriptionPollInterval: Duration = .seconds(2)
    /// How many deliveries a live record subscription may have waiting, its client reading
    /// slower than records come, before it is let go to catch up on its own in pages
    /// (`sharing.subscription-buffer`, default 64).
    public var subscriptionBuffer = 64
    /// The Ed25519 seed (64 hex digits) that signs checkpoints of the audit chain's head
    /// (`audit.checkpoint-key`); kept outside the database. `nil`: no checkpoints are written,
    /// and `coord audit verify` cannot find removed newest entries or a rewritten chain.
    public var auditCheckpointKey: String?
    /// How often the audit chain's head is signed when it has moved (`audit.checkpoint-interval-ms`,
    /// default 60000).
    public var auditCheckpointInterval: Duration = .seconds(60)
    /// How often each instance asks whether the certificates of its open streams may still
    /// call: a revoked certificate's streams end within this and one query.
    public var streamStandingInterval: Duration = .seconds(1)
    /// How often each instance reloads its copy of what decides whether certificates may call
    /// (revocations, departments) when no notification has come (`certificates.refresh-interval-ms`,
    /// default 10000). A change made anywhere is normally heard at once.
    public var standingRefreshInterval: Duration = .seconds(10)
    /// How old that copy may be before calls wait for a reload, and are refused UNAVAILABLE if
    /// it fails (`certificates.max-age-ms`, default 30000; at least the refresh interval).
    public var standingMaximumAge: Duration = .seconds(30)
    /// The time deadlines, due dates and escalations are measured against. Not configurable
    /// from outside; tests set a ``ManualClock``.
    public var clock: any CoordinationClock = SystemClock()
    /// The zone of the times written into notices and histories, shown with their offset
    /// (`time.zone`, default `Asia/Shanghai`).
    public var localTime: LocalTime = .county
    /// How often the overdue-task sweeper runs (`tasks.escalation-interval-ms`, default 60000).
    public var taskEscalationInterval: Duration = .seconds(60)
    /// How long after its due date an overdue task is escalated to the leading-group office
    /// (`tasks.escalation-grace-hours`, default 72).
    public var taskEscalationGrace: Duration = .seconds(72 * 3600)
    /// The leading-group office's department, whose notices coordinators follow
    /// (`coordination.office-department`, default `health`).
    public var officeDepartment: String = "health"
    /// How long the targets of an alert have to acknowledge it, per severity
    /// (`alerts.ack-critical-minutes` 15, `alerts.ack-high-minutes` 60, `alerts.ack-moderate-minutes` 240).
    public var alertDeadlines = AlertDeadlines()
    /// How often the unacknowledged-alert sweeper runs (`alerts.sweep-interval-ms`, default 10000).
    public var alertSweepInterval: Duration = .seconds(10)
    /// How often an alert watcher is sent again the alerts its department has not acknowledged
    /// (`alerts.redelivery-interval-ms`, default 30000).
    public var alertRedeliveryInterval: Duration = .seconds(30)
    /// Who hears of an alert left unacknowledged past the grace (`alerts.escalate-to`, comma
    /// separated; default the office department and `political-legal`).
    public var alertEscalateTo: [String] = ["health", "political-legal"]
    /// How long a receiving department has to accept a referral, per urgency, and the grace
    /// before a missed deadline reaches the leading-group office (`referrals.deadline-*`,
    /// `referrals.escalation-grace-minutes`; see ``ReferralDeadlines``).
    public var referralDeadlines = ReferralDeadlines()
    /// How often the referral deadline sweeper runs (`referrals.sweep-interval-ms`, default 60000).
    public var referralSweepInterval: Duration = .seconds(60)
    /// The largest request message accepted, in bytes on the wire (`limits.max-request-bytes`,
    /// default 4 MiB); a larger one is refused with RESOURCE_EXHAUSTED before it is read.
    public var maxRequestBytes = 4 * 1024 * 1024
    /// How many calls one client connection may have open at once (`limits.max-streams-per-connection`,
    /// default 1000), announced to clients in HTTP/2's SETTINGS; a client wanting more opens
    /// another connection.
    public var maxStreamsPerConnection = 1000
    /// Hex secret (at least 32 bytes) keying the pseudonyms of national ID numbers
    /// (`privacy.pseudonym-key`). Changing it breaks matching with earlier records.
    public var pseudonymKey: String

    public init(
        listenHost: String = "127.0.0.1", listenPort: Int = 8443, certificatePath: String, keyPath: String,
        clientCAPath: String, database: DatabaseSettings, migrator: DatabaseSettings?,
        databaseTimeout: Duration = .seconds(5), logLevel: Logger.Level = .info, pseudonymKey: String
    ) {
        self.listenHost = listenHost
        self.listenPort = listenPort
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.clientCAPath = clientCAPath
        self.database = database
        self.migrator = migrator
        self.databaseTimeout = databaseTimeout
        self.logLevel = logLevel
        self.pseudonymKey = pseudonymKey
    }

    /// Reads the configuration from, in order of precedence, `flags` (keys such as
    /// `listen.port`), `COORD_*` variables in `environment`, and the JSON file `file`.
    public static func load(
        flags: [String: String], environment: [String: String], file: String?
    ) async throws -> ServerConfiguration {
        var providers: [any ConfigProvider] = [
            InMemoryProvider(
                name: "flags",
                values: Dictionary(uniqueKeysWithValues: flags.map { key, value in
                    (AbsoluteConfigKey(ConfigKey(key)),
                     ConfigValue(Int(value).map(ConfigContent.int) ?? .string(value), isSecret: false))
                })),
            EnvironmentVariablesProvider(
                environmentVariables: environment, secretsSpecifier: .dynamic { key, _ in key.contains("PASSWORD") || key.hasSuffix("_KEY") }
            ).prefixKeys(with: "coord"),
        ]
        if let file {
            providers.append(try await FileProvider<JSONSnapshot>(filePath: FilePath(file)))
        }
        return try ServerConfiguration(reader: ConfigReader(providers: providers))
    }

    /// Reads the configuration; a missing or malformed key is an `invalidArgument` naming it.
    public init(reader: ConfigReader) throws(CoordinationError) {
        func required(_ key: String, secret: Bool = false) throws(CoordinationError) -> String {
            guard let value = reader.string(forKey: ConfigKey(key), isSecret: secret), !value.isEmpty else {
                throw .invalidArgument(field: key, "is required (flag, COORD_ environment variable or config file)")
            }
            return value
        }
        let tlsMode: DatabaseSettings.TLSMode
        switch reader.string(forKey: "database.tls", default: "prefer") {
        case "disable": tlsMode = .disable
        case "prefer": tlsMode = .prefer
        case "require": tlsMode = .require(caFile: reader.string(forKey: "database.ca-file"))
        case let other: throw .invalidArgument(field: "database.tls", "'\(other)' is not one of disable, prefer, require")
        }
        let database = DatabaseSettings(
            host: reader.string(forKey: "database.host", default: "127.0.0.1"),
            port: reader.int(forKey: "database.port", default: 5432),
            database: reader.string(forKey: "database.name", default: "coordination"),
            username: reader.string(forKey: "database.user", default: "coord_app"),
            password: reader.string(forKey: "database.password", isSecret: true),
            tls: tlsMode)
        var migrator: DatabaseSettings?
        if let user = reader.string(forKey: "database.migrator.user") {
            migrator = database.with(username: user, password: reader.string(forKey: "database.migrator.password", isSecret: true))
        }
        let levelName = reader.string(forKey: "log.level", default: "info")
        guard let level = Logger.Level(rawValue: levelName) else {
            throw .invalidArgument(field: "log.level", "'\(levelName)' is not one of trace, debug, info, notice, warning, error, critical")
        }
        self.init(
            listenHost: reader.string(forKey: "listen.host", default: "127.0.0.1"),
            listenPort: reader.int(forKey: "listen.port", default: 8443),
            certificatePath: try required("tls.certificate"),
            keyPath: try required("tls.key"),
            clientCAPath: try required("tls.client-ca"),
            database: database,
            migrator: migrator,
            databaseTimeout: .milliseconds(reader.int(forKey: "database.timeout-ms", default: 5000)),
            logLevel: level,
            pseudonymKey: try required("privacy.pseudonym-key", secret: true))
        let formatName = reader.string(forKey: "log.format", default: "text")
        guard let format = LogFormat(rawValue: formatName) else {
            throw .invalidArgument(field: "log.format", "'\(formatName)' is not text or json")
        }
        logFormat = format
        metricsHost = reader.string(forKey: "metrics.host", default: metricsHost)
        let metricsPort = reader.int(forKey: "metrics.port", default: 9464)
        guard (0...65535).contains(metricsPort) else {
            throw .invalidArgument(field: "metrics.port", "must be a port number (0 picks a free one), got \(metricsPort)")
        }
        self.metricsPort = metricsPort
        subscriptionPollInterval = .milliseconds(max(100, reader.int(forKey: "sharing.poll-interval-ms", default: 2000)))
        subscriptionBuffer = reader.int(forKey: "sharing.subscription-buffer", default: subscriptionBuffer)
        guard (1...100_000).contains(subscriptionBuffer) else {
            throw .invalidArgument(field: "sharing.subscription-buffer", "must be from 1 to 100000, got \(subscriptionBuffer)")
        }
        let escalationInterval = reader.int(forKey: "tasks.escalation-interval-ms", default: 60_000)
        guard escalationInterval >= 100 else {
            throw .invalidArgument(field: "tasks.escalation-interval-ms", "must be at least 100, got \(escalationInterval)")
        }
        taskEscalationInterval = .milliseconds(escalationInterval)
        let graceHours = reader.int(forKey: "tasks.escalation-grace-hours", default: 72)
        guard graceHours >= 0 else {
            throw .invalidArgument(field: "tasks.escalation-grace-hours", "must not be negative, got \(graceHours)")
        }
        taskEscalationGrace = .seconds(graceHours * 3600)
        let zone = reader.string(forKey: "time.zone", default: "Asia/Shanghai")
        guard let localTime = LocalTime(identifier: zone) else {
            throw .invalidArgument(field: "time.zone", "must be a time zone such as Asia/Shanghai, UTC or +08:00, got '\(zone)'")
        }
        self.localTime = localTime
        officeDepartment = reader.string(forKey: "coordination.office-department", default: "health")
        guard !officeDepartment.isEmpty else {
            throw .invalidArgument(field: "coordination.office-department", "must name a department")
        }
        maxRequestBytes = reader.int(forKey: "limits.max-request-bytes", default: maxRequestBytes)
        guard (1024...64 * 1024 * 1024).contains(maxRequestBytes) else {
            throw .invalidArgument(field: "limits.max-request-bytes", "must be from 1024 to 67108864, got \(maxRequestBytes)")
        }
        maxStreamsPerConnection = reader.int(forKey: "limits.max-streams-per-connection", default: maxStreamsPerConnection)
        guard (100...100_000).contains(maxStreamsPerConnection) else {
            throw .invalidArgument(
                field: "limits.max-streams-per-connection", "must be from 100 to 100000, got \(maxStreamsPerConnection)")
        }
        auditCheckpointKey = reader.string(forKey: "audit.checkpoint-key", isSecret: true)
        if let auditCheckpointKey { _ = try AuditCheckpointKey(hex: auditCheckpointKey) }
        let checkpointInterval = reader.int(forKey: "audit.checkpoint-interval-ms", default: 60_000)
        guard checkpointInterval >= 100 else {
            throw .invalidArgument(field: "audit.checkpoint-interval-ms", "must be at least 100, got \(checkpointInterval)")
        }
        auditCheckpointInterval = .milliseconds(checkpointInterval)
        let refresh = reader.int(forKey: "certificates.refresh-interval-ms", default: 10_000)
        guard refresh >= 100 else {
            throw .invalidArgument(field: "certificates.refresh-interval-ms", "must be at least 100, got \(refresh)")
        }
        let maximumAge = reader.int(forKey: "certificates.max-age-ms", default: max(30_000, refresh))
        guard maximumAge >= refresh else {
            throw .invalidArgument(
                field: "certificates.max-age-ms", "must be at least certificates.refresh-interval-ms (\(refresh)), got \(maximumAge)")
        }
        (standingRefreshInterval, standingMaximumAge) = (.milliseconds(refresh), .milliseconds(maximumAge))
        try loadAlertSettings(reader)
        try loadReferralSettings(reader)
        _ = try Pseudonymizer(hexSecret: pseudonymKey)
    }
}

extension ServerConfiguration {
    /// The `alerts.*` keys (crisis alerts: acknowledgement deadlines, sweeps, redelivery, escalation).
    fileprivate mutating func loadAlertSettings(_ reader: ConfigReader) throws(CoordinationError) {
        func minutes(_ severity: String, default value: Int) throws(CoordinationError) -> Duration {
            let key = "alerts.ack-\(severity)-minutes"
            let minutes = reader.int(forKey: ConfigKey(key), default: value)
            guard (1...10_080).contains(minutes) else { throw .invalidArgument(field: key, "must be 1 to 10080, got \(minutes)") }
            return .seconds(minutes * 60)
        }
        func milliseconds(_ key: String, default value: Int) throws(CoordinationError) -> Duration {
            let milliseconds = reader.int(forKey: ConfigKey(key), default: value)
            guard milliseconds >= 100 else { throw .invalidArgument(field: key, "must be at least 100, got \(milliseconds)") }
            return .milliseconds(milliseconds)
        }
        alertDeadlines = AlertDeadlines(
            critical: try minutes("critical", default: 15), high: try minutes("high", default: 60),
            moderate: try minutes("moderate", default: 240))
        alertSweepInterval = try milliseconds("alerts.sweep-interval-ms", default: 10_000)
        alertRedeliveryInterval = try milliseconds("alerts.redelivery-interval-ms", default: 30_000)
        let escalateTo = reader.string(forKey: "alerts.escalate-to", default: "\(officeDepartment),political-legal")
            .split(separator: ",").map { String($0.filter { !$0.isWhitespace }) }.filter { !$0.isEmpty }
        guard !escalateTo.isEmpty, escalateTo.allSatisfy(DirectoryRules.isValidDepartmentCode) else {
            throw .invalidArgument(field: "alerts.escalate-to", "must list department codes separated by commas")
        }
        alertEscalateTo = escalateTo
    }
}
