import ArgumentParser
import CoordinationAPI

struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health", abstract: tr("Check the server's health (grpc.health.v1). Exit 1 unless SERVING."))

    @OptionGroup var connection: ConnectionOptions
    @Option(help: .tr("Service name; empty for the whole server.")) var service: String = ""

    func run() async throws {
        let status = try await connection.with(Grpc_Health_V1_Health.self) { [service] health in
            try await health.check(.with { $0.service = service }).status
        }
        print(status == .serving ? "SERVING" : status == .notServing ? "NOT_SERVING" : "\(status)")
        if status != .serving { throw ExitCode(1) }
    }
}
