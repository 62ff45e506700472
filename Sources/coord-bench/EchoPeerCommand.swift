import ArgumentParser
import CoordinationServer
import GRPCCore
import GRPCNIOTransportHTTP2

/// Serves the bare echo peer until a signal ends the process; the benchmark starts it in its own
/// process.
struct EchoPeerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "echo-peer", abstract: "Serve the bare mTLS echo peer (started by the benchmark).", shouldDisplay: false)

    @Option var port: Int
    @Option var certificate: String
    @Option var key: String
    @Option var clientCa: String

    func run() async throws {
        let transport = HTTP2ServerTransport.Posix(
            address: .ipv4(host: "127.0.0.1", port: port),
            transportSecurity: CoordinationServer.transportSecurity(certificate: certificate, key: key, clientCA: clientCa))
        let server = GRPCServer(transport: transport, services: [EchoPeer()])
        try await server.serve()
    }
}
