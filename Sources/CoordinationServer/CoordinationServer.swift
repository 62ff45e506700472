import CoordinationAPI
import CoordinationCore
import CoordinationPKI
import CoordinationStorage
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Logging
import PostgresNIO
import ServiceLifecycle

/// The coordination server: gRPC over mutual TLS on PostgreSQL, as lifecycle services.
///
/// ```swift
/// let server = try CoordinationServer(configuration: configuration, catalog: try BuiltInPlugins.catalog(), logger: logger)
/// try await ServiceGroup(services: server.services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger).run()
/// ```
public struct CoordinationServer: Sendable {
    /// The long-lived parts, in start order: database clients first, the gRPC server last.
    public let services: [any Service]
    /// The server-streaming calls open on this instance.
    public let openStreams: OpenStreams
    private let transport: HTTP2ServerTransport.Posix
    /// The Prometheus endpoint, when `metrics.port` is set.
    private let metricsEndpoint: MetricsEndpoint?

    /// - Parameter catalog: the plugins built into the server; those installed on the
    ///   deployment are served.
    public init(configuration: ServerConfiguration, catalog: PluginRegistry, logger: Logger) throws {
        // Several database hosts: a primary and its standbys, the writable one in use.
        let locator = configuration.database.endpoints.count > 1
            ? try PrimaryLocator(settings: configuration.database, logger: logger) : nil
        let runtimePool = try DatabasePool(settings: configuration.database, locator: locator, logger: logger)
        // What operators ask (status, metrics) is answered within a second or from the last answer.
        let statusDatabase = Database(pool: runtimePool, operationTimeout: .seconds(1), logger: logger)
        let openStreams = OpenStreams()
        self.openStreams = openStreams
        let metrics = ServerMetrics(streams: openStreams) { [clock = configuration.clock] in
            try await OperationsSnapshot.read(in: statusDatabase, at: clock.now())
        }
        let runtime = Database(
            pool: runtimePool, operationTimeout: configuration.databaseTimeout, logger: logger,
            poolMetrics: DatabasePoolMetrics(
                pool: "runtime", maximumConnections: try configuration.database.clientConfiguration().options.maximumConnections,
                factory: metrics.factory))
        let probePool = try DatabasePool(settings: configuration.database, locator: locator, logger: logger) {
            $0.options.maximumConnections = 1
        }
        var services: [any Service] = (locator.map { [$0] } ?? []) + runtimePool.services + probePool.services
        metricsEndpoint = configuration.metricsPort.map {
            MetricsEndpoint(host: configuration.metricsHost, port: $0, metrics: metrics, logger: logger)
        }

        var migrator: Migrator?
        var installer: PluginInstaller?
        if let settings = configuration.migrator {
            guard settings.username != configuration.database.username else {
                throw RuntimeRoleError(isSuperuser: false)
            }
            let ownerPool = try DatabasePool(settings: settings, locator: locator, logger: logger)
            services += ownerPool.services
            let owner = Database(pool: ownerPool, operationTimeout: configuration.databaseTimeout, logger: logger)
            migrator = try Migrator(database: owner, runtimeRole: configuration.database.username, logger: logger)
            installer = PluginInstaller(database: owner)
        }

        let pseudonymizer = try Pseudonymizer(hexSecret: configuration.pseudonymKey)
        let wakeups = DatabaseWakeups(pool: runtimePool, channel: DatabaseWakeups.records, logger: logger)
        let noticeWakeups = DatabaseWakeups(pool: runtimePool, channel: DatabaseWakeups.notices, logger: logger)
        let meetingWakeups = DatabaseWakeups(pool: runtimePool, channel: DatabaseWakeups.meetings, logger: logger)
        let alertWakeups = DatabaseWakeups(pool: runtimePool, channel: DatabaseWakeups.alerts, logger: logger)
        let pluginWakeups = DatabaseWakeups(pool: runtimePool, channel: PluginInstaller.channel, logger: logger)
        let standingWakeups = DatabaseWakeups(pool: runtimePool, channel: DatabaseWakeups.standing, logger: logger)
        let streamWakeups = [wakeups, noticeWakeups, meetingWakeups, alertWakeups]
        let listenerPool = try DatabasePool(settings: configuration.database, locator: locator, logger: logger) {
            $0.options.maximumConnections = 1
            $0.options.minimumConnections = 0
        }
        services.append(DatabaseListener(
            pool: listenerPool,
            channels: streamWakeups + [pluginWakeups, standingWakeups], logger: logger))
        let plugins = ActivePlugins(catalog: catalog)
        let board = HealthStatusBoard(services: Self.healthServices)
        let activation = PluginActivation(
            plugins: plugins, store: PluginInstallationStore(database: runtime), packages: PluginPackageStore(database: runtime),
            board: board, wakeups: pluginWakeups,
            fallbackInterval: configuration.subscriptionPollInterval, logger: logger)
        let alerts = AlertStore(database: runtime, clock: configuration.clock, localTime: configuration.localTime)
        let ledger = LedgerWriter(
            database: runtime, metrics: LedgerMetrics(factory: metrics.factory), localTime: configuration.localTime)
        let referrals = ReferralStore(
            database: runtime, clock: configuration.clock,
            escalation: ReferralEscalation(
                deadlines: configuration.referralDeadlines, officeDepartment: configuration.officeDepartment),
            localTime: configuration.localTime)
        let certificates = CertificateRegistry(database: runtime)
        let standings = CertificateStandings(
            registry: certificates, wakeups: standingWakeups, refreshInterval: configuration.standingRefreshInterval,
            maximumAge: configuration.standingMaximumAge, logger: logger)
        services.append(standings)
        services.append(StreamStandingWatch(
            streams: openStreams, standings: standings, interval: configuration.streamStandingInterval, logger: logger))
        let records = RecordStore(database: runtime, plugins: plugins, ledger: ledger)
        let deliveryHub = RecordDeliveryHub(
            store: records, wakeups: wakeups, fallbackInterval: configuration.subscriptionPollInterval,
            bufferedWaves: configuration.subscriptionBuffer)
        services.append(deliveryHub)
        let rpcServices: [any RegistrableRPCService] = [
            DirectoryService(store: DirectoryStore(database: runtime), standings: standings),
            SharingService(
                store: records, plugins: plugins, pseudonymizer: pseudonymizer, wakeups: wakeups, hub: deliveryHub,
                clock: configuration.clock, alertDeadlines: configuration.alertDeadlines,
                referralDeadlines: configuration.referralDeadlines),
            AnalysisService(
                analysis: AnalysisStore(database: runtime), directory: DirectoryStore(database: runtime),
                clock: configuration.clock),
            AuditService(
                database: runtime, reviews: EmergencyReviewStore(database: runtime), pseudonymizer: pseudonymizer,
                plugins: plugins),
            CertificateService(registry: certificates, standings: standings, authorities: try TrustedAuthorities(pemFile: configuration.clientCAPath)),
            PluginService(
                plugins: plugins, store: PluginInstallationStore(database: runtime),
                packages: PluginPackageStore(database: runtime), installer: installer,
                activation: activation, clock: configuration.clock, logger: logger),
            NoticeService(
                store: NoticeStore(database: runtime), wakeups: noticeWakeups,
                fallbackInterval: configuration.subscriptionPollInterval),
            MeetingService(
                store: MeetingStore(database: runtime, clock: configuration.clock, localTime: configuration.localTime),
                records: records, pseudonymizer: pseudonymizer,
                wakeups: meetingWakeups, fallbackInterval: configuration.subscriptionPollInterval),
            TaskService(
                tasks: TaskStore(database: runtime, clock: configuration.clock, localTime: configuration.localTime),
                plans: WorkPlanStore(database: runtime, clock: configuration.clock), clock: configuration.clock),
            IndicatorService(
                store: IndicatorStore(database: runtime), directory: DirectoryStore(database: runtime), clock: configuration.clock),
            EvaluationService(
                store: EvaluationStore(database: runtime), indicators: IndicatorStore(database: runtime),
                directory: DirectoryStore(database: runtime), clock: configuration.clock),
            AlertService(
                store: alerts, pseudonymizer: pseudonymizer, clock: configuration.clock,
                deadlines: configuration.alertDeadlines, wakeups: alertWakeups,
                fallbackInterval: configuration.subscriptionPollInterval,
                redeliveryInterval: configuration.alertRedeliveryInterval),
            ReferralService(store: referrals, plugins: plugins, pseudonymizer: pseudonymizer, clock: configuration.clock),
            ServerStatusService(
                streams: openStreams, startedAt: Date(), database: statusDatabase),
        ]
        services.append(ledger)
        if let metricsEndpoint { services.append(metricsEndpoint) }
        services.append(DatabaseReadiness(
            runtime: runtime, probe: Database(pool: probePool, operationTimeout: configuration.databaseTimeout, logger: logger),
            migrator: migrator, catalog: catalog, activation: activation, board: board, logger: logger))
        services.append(activation)

        transport = HTTP2ServerTransport.Posix(
            address: .ipv4(host: configuration.listenHost, port: configuration.listenPort),
            transportSecurity: Self.transportSecurity(configuration),
            config: Self.transportConfig(configuration))
        let schema = RequestSchema.api
        let catalog = plugins.catalog
        let server = GRPCServer(
            transport: transport,
            services: rpcServices + [HealthService(board: board)],
            interceptors: [
                CallBoundaryInterceptor(errors: ErrorBoundary(logger: logger), metrics: metrics),
                IdentityInterceptor(certificates: certificates, standings: standings, known: KnownCertificates(), board: board, logger: logger),
                StreamLifetimeInterceptor(schema: schema, streams: openStreams),
                ValidationInterceptor(schema: schema, clock: configuration.clock) { catalog.recordType(named: $0)?.type.messageType },
            ])
        let tasks = TaskStore(database: runtime, clock: configuration.clock, localTime: configuration.localTime)
        let taskEscalation = TaskEscalation(
            grace: Double(configuration.taskEscalationGrace.components.seconds),
            officeDepartment: configuration.officeDepartment)
        services.append(DeadlineSweeper(
            name: "tasks", interval: configuration.taskEscalationInterval, board: board, logger: logger
        ) { () throws(CoordinationError) in try await tasks.escalateOverdue(taskEscalation) })
        if let hex = configuration.auditCheckpointKey {
            let key = try AuditCheckpointKey(hex: hex)
            logger.info("signing audit checkpoints", metadata: ["public-key": "\(key.publicKey.hex)"])
            services.append(DeadlineSweeper(
                name: "audit checkpoint", interval: configuration.auditCheckpointInterval, board: board, logger: logger
            ) { () throws(CoordinationError) in try await AuditLog.writeCheckpoint(with: key, in: runtime) })
        } else {
            logger.warning("no audit.checkpoint-key: the audit chain's head is not signed, so removing its newest entries or rewriting it whole would go unnoticed")
        }
        let alertEscalation = AlertEscalation(escalateTo: configuration.alertEscalateTo)
        services.append(DeadlineSweeper(
            name: "alerts", interval: configuration.alertSweepInterval, board: board, logger: logger
        ) { () throws(CoordinationError) in try await alerts.escalateOverdue(alertEscalation) })
        services.append(DeadlineSweeper(
            name: "referrals", interval: configuration.referralSweepInterval, board: board, logger: logger
        ) { () throws(CoordinationError) in try await referrals.escalateOverdue() })
        services.append(GRPCServerService(server: server, transport: transport, board: board, logger: logger) {
            // Open subscriptions end so the server can drain; clients resume from their cursors.
            for wakeups in streamWakeups { await wakeups.shutDown() }
        })
        self.services = services
    }

    /// The services that report health besides the whole server (each plugin adds its own).
    static let healthServices = [
        Directory_DirectoryService.descriptor.fullyQualifiedService,
        Admin_CertificateService.descriptor.fullyQualifiedService,
        Admin_ServerService.descriptor.fullyQualifiedService,
        Plugins_PluginService.descriptor.fullyQualifiedService,
        Sharing_SharingService.descriptor.fullyQualifiedService,
        Audit_AuditService.descriptor.fullyQualifiedService,
        Analysis_AnalysisService.descriptor.fullyQualifiedService,
        Notices_NoticeService.descriptor.fullyQualifiedService,
        Meetings_MeetingService.descriptor.fullyQualifiedService,
        Tasks_TaskService.descriptor.fullyQualifiedService,
        Indicators_IndicatorService.descriptor.fullyQualifiedService,
        Evaluation_EvaluationService.descriptor.fullyQualifiedService,
        Alerts_AlertService.descriptor.fullyQualifiedService,
        Referrals_ReferralService.descriptor.fullyQualifiedService,
    ]

    /// Mutual TLS: the server's certificate, and client certificates required and verified
    /// against the configured CA only.
    public static func transportSecurity(_ configuration: ServerConfiguration) -> HTTP2ServerTransport.Posix.TransportSecurity {
        transportSecurity(
            certificate: configuration.certificatePath, key: configuration.keyPath, clientCA: configuration.clientCAPath)
    }

    /// Mutual TLS from PEM files: the server's certificate chain and key, and the CA that signs
    /// the client certificates it accepts.
    public static func transportSecurity(
        certificate: String, key: String, clientCA: String
    ) -> HTTP2ServerTransport.Posix.TransportSecurity {
        .mTLS(
            certificateChain: [.file(path: certificate, format: .pem)],
            privateKey: .file(path: key, format: .pem)
        ) { tls in
            tls.trustRoots = .certificates([.file(path: clientCA, format: .pem)])
            tls.clientCertificateVerification = .noHostnameVerification
        }
    }

    /// The transport's limits: request messages up to `limits.max-request-bytes`, refused beyond
    /// it with RESOURCE_EXHAUSTED by ``RequestSizeLimitHandler``, first in every stream; at most
    /// `limits.max-streams-per-connection` calls open at once on one connection.
    static func transportConfig(_ configuration: ServerConfiguration) -> HTTP2ServerTransport.Posix.Config {
        var config = HTTP2ServerTransport.Posix.Config.defaults
        let maximum = configuration.maxRequestBytes
        config.rpc.maxRequestPayloadSize = maximum
        config.http2.maxConcurrentStreams = configuration.maxStreamsPerConnection
        config.channelDebuggingCallbacks.onAcceptHTTP2Stream = { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(RequestSizeLimitHandler(maximumBytes: maximum), position: .first)
            }
        }
        return config
    }

    /// The port of the Prometheus endpoint once bound, `nil` when it serves none.
    public func metricsPort() async throws -> Int? {
        try await metricsEndpoint?.listeningPort
    }

    /// The port the server listens on, once bound (useful with port 0).
    public func listeningPort() async throws -> Int {
        let address = try await transport.listeningAddress
        if let ipv4 = address.ipv4 { return ipv4.port }
        if let ipv6 = address.ipv6 { return ipv6.port }
        throw CoordinationError(code: .internalError, message: "the server is not listening on an IP address")
    }
}
