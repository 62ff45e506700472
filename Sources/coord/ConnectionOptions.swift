import ArgumentParser
import CoordinationAPI
import CoordinationClient
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2

/// Where the server is and which certificate to present.
struct ConnectionOptions: ParsableArguments {
    @Option(help: .tr("Server as host:port (default: $COORD_SERVER, the profile's, or localhost:8443)."))
    var server: String?

    @Option(help: .tr("Development identity: the name of a certificate in the PKI folder (default: $COORD_IDENTITY or the profile's)."))
    var identity: String?

    @Option(help: .tr("Folder of development certificates (default: $COORD_PKI_DIR, the profile's, or the nearest var/pki)."))
    var pkiDir: String?

    @Option(help: .tr("Client certificate, PEM (default: $COORD_CERT)."))
    var cert: String?

    @Option(help: .tr("Client private key, PEM (default: $COORD_KEY)."))
    var key: String?

    @Option(help: .tr("CA certificate that signed the server's certificate (default: $COORD_CA)."))
    var ca: String?

    @OptionGroup var time: TimeOptions

    private var environment: [String: String] { ProcessInfo.processInfo.environment.filter { !$0.value.isEmpty } }

    /// The folder of development certificates in use.
    func pkiFolder(_ profile: Profile) -> String {
        pkiDir ?? environment["COORD_PKI_DIR"] ?? profile.pkiDir ?? Profile.nearestPKI() ?? "var/pki"
    }

    func credentials() throws -> ClientCredentials {
        let profile = try Profile.load()
        if let cert = cert ?? environment["COORD_CERT"], let key = key ?? environment["COORD_KEY"],
           let ca = ca ?? environment["COORD_CA"], identity == nil {
            return ClientCredentials(certificatePath: cert, keyPath: key, caPath: ca)
        }
        if let identity = identity ?? environment["COORD_IDENTITY"] ?? profile.identity {
            let folder = pkiFolder(profile)
            let credentials = ClientCredentials.inDirectory(folder, name: identity)
            guard FileManager.default.fileExists(atPath: credentials.certificatePath) else {
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                    .filter { $0.hasSuffix(".crt") }.map { String($0.dropLast(4)) }
                    .filter { $0 != "ca" && $0 != "server" }.sorted()
                throw CLIError(names.isEmpty
                    ? tr("no identity '\(identity)': \(folder) holds no certificates (--pki-dir, COORD_PKI_DIR)")
                    : tr("no identity '\(identity)' in \(folder); there are: \(names.joined(separator: ", "))"))
            }
            return credentials
        }
        if let cert = profile.cert, let key = profile.key, let ca = profile.ca {
            return ClientCredentials(certificatePath: cert, keyPath: key, caPath: ca)
        }
        throw CLIError(tr("name a certificate: --identity NAME, or --cert, --key and --ca (or COORD_IDENTITY, COORD_CERT, COORD_KEY, COORD_CA, or a profile at \(Profile.path))"))
    }

    /// The server's host (a name, an IPv4 address or a bracketed IPv6 address) and port.
    func endpoint() throws -> (host: String, port: Int) {
        let value = try server ?? environment["COORD_SERVER"] ?? Profile.load().server ?? "localhost:8443"
        guard let colon = value.lastIndex(of: ":"), let port = Int(value[value.index(after: colon)...]),
              (1...65_535).contains(port), colon != value.startIndex
        else {
            throw ValidationError(tr("--server must be host:port (e.g. localhost:8443, 10.0.0.5:8443 or [::1]:8443), got '\(value)'"))
        }
        return (String(value[..<colon]), port)
    }

    /// Runs `body` with a connected client; RPC failures become readable messages.
    func withClient<Result: Sendable>(
        _ body: @Sendable (GRPCClient<HTTP2ClientTransport.Posix>) async throws -> Result
    ) async throws -> Result {
        let (host, port) = try endpoint()
        let credentials = try credentials()
        for path in [credentials.certificatePath, credentials.keyPath, credentials.caPath]
        where !FileManager.default.fileExists(atPath: path) {
            throw ValidationError(tr("no such file: \(path)"))
        }
        do {
            return try await CoordinationConnection.withClient(
                host: host, port: port, credentials: credentials, language: CLILanguage.current, body)
        } catch let error as RPCError {
            // CANCELLED from the server: it ended the call as it shut down (Ctrl-C ends this process instead).
            let transient = ConnectionFailure.isTransient(error) || error.code == .cancelled
            if let failure = ConnectionFailure.explain(error, host: host, port: port) {
                throw CLIError(tr(failure), transient: transient)
            }
            throw CLIError(tr("\(Output.word("\(error.code)")): \(FlagNames.explain(error.message))"), transient: transient)
        }
    }
}

extension ConnectionOptions {
    /// Runs `body` with one service's client, e.g. `connection.with(Tasks_TaskService.self) { tasks in … }`.
    func with<Service: CLIService, Result: Sendable>(
        _ service: Service.Type, _ body: @Sendable (Service.Connected) async throws -> Result
    ) async throws -> Result {
        try await withClient { try await body(Service.Connected(wrapping: $0)) }
    }
}

/// A generated service whose client the CLI opens over its connection.
protocol CLIService {
    /// The service's client over the CLI's transport.
    associatedtype Connected: ConnectedClient
}

/// A generated client over the CLI's transport.
protocol ConnectedClient: Sendable {
    init(wrapping client: GRPCClient<HTTP2ClientTransport.Posix>)
}

extension Admin_CertificateService: CLIService { typealias Connected = Client<HTTP2ClientTransport.Posix> }
extension Admin_ServerService: CLIService { typealias Connected = Client<HTTP2ClientTransport.Posix> }
extension Alerts_AlertService: CLIService { typealias Connected = Client<HTTP2ClientTransport.Posix> }
extension Analysis_AnalysisService: CLIService { typealias Connected = Client<HTTP2ClientTransport.Posix> }
extension Audit_AuditService: CLIService { typealias Connected = Client<HTTP2ClientTransport.Posix> }
extension Directory_DirectoryService: CLIService { typealias Connected = Client<HTTP2ClientTransport.Posix> }
extension Evaluation_EvaluationService: CLIService { typealias Connected = Client<HTTP2ClientTransport.Posix> }
extension Grpc_Health_V1_Health: CLIService { typealias Connected = Client<HTTP2ClientTransport.Posix> }
extension Indicators_IndicatorService: CLIService { typealias Connected = Client<HTTP2ClientTransport.Posix> }
extension Meetings_MeetingService: CLIService { typealias Connected = Client<HTTP2ClientTransport.Posix> }
extension Notices_NoticeService: CLIService { typealias Connected = Client<HTTP2ClientTransport.Posix> }
extension Plugins_PluginService: CLIService { typealias Connected = Client<HTTP2ClientTransport.Posix> }
extension Referrals_ReferralService: CLIService { typealias Connected = Client<HTTP2ClientTransport.Posix> }
extension Sharing_SharingService: CLIService { typealias Connected = Client<HTTP2ClientTransport.Posix> }
extension Tasks_TaskService: CLIService { typealias Connected = Client<HTTP2ClientTransport.Posix> }

extension Admin_CertificateService.Client: ConnectedClient where Transport == HTTP2ClientTransport.Posix {}
extension Admin_ServerService.Client: ConnectedClient where Transport == HTTP2ClientTransport.Posix {}
extension Alerts_AlertService.Client: ConnectedClient where Transport == HTTP2ClientTransport.Posix {}
extension Analysis_AnalysisService.Client: ConnectedClient where Transport == HTTP2ClientTransport.Posix {}
extension Audit_AuditService.Client: ConnectedClient where Transport == HTTP2ClientTransport.Posix {}
extension Directory_DirectoryService.Client: ConnectedClient where Transport == HTTP2ClientTransport.Posix {}
extension Evaluation_EvaluationService.Client: ConnectedClient where Transport == HTTP2ClientTransport.Posix {}
extension Grpc_Health_V1_Health.Client: ConnectedClient where Transport == HTTP2ClientTransport.Posix {}
extension Indicators_IndicatorService.Client: ConnectedClient where Transport == HTTP2ClientTransport.Posix {}
extension Meetings_MeetingService.Client: ConnectedClient where Transport == HTTP2ClientTransport.Posix {}
extension Notices_NoticeService.Client: ConnectedClient where Transport == HTTP2ClientTransport.Posix {}
extension Plugins_PluginService.Client: ConnectedClient where Transport == HTTP2ClientTransport.Posix {}
extension Referrals_ReferralService.Client: ConnectedClient where Transport == HTTP2ClientTransport.Posix {}
extension Sharing_SharingService.Client: ConnectedClient where Transport == HTTP2ClientTransport.Posix {}
extension Tasks_TaskService.Client: ConnectedClient where Transport == HTTP2ClientTransport.Posix {}

/// A failure the CLI reports as one line, exit status 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    /// The server could not be reached or is restarting: trying again later may succeed.
    let transient: Bool
    init(_ description: String, transient: Bool = false) {
        self.description = description
        self.transient = transient
    }
}
