import CoordinationAPI
import CoordinationServer
import Foundation
import Synchronization

extension BenchPhases {
    /// Open idle subscriptions (100 to a connection) while nothing is published: the server's
    /// resident memory and CPU, and PostgreSQL's CPU.
    func measureIdle() async throws {
        let wanted = options.idleSubscriptions
        let cursor = StreamCursor.records.encode(marks.highest)
        let endpoint = deployment.server(as: "system-health")
        let baseline = try await openStreams()
        let failures = Locked<[String]>([])
        let memoryBefore = ProcessMeter(target: .process(deployment.serverID)).residentMB()
        let figures = try await withThrowingTaskGroup(of: Void.self) { group in
            let perConnection = 100
            for first in stride(from: 0, to: wanted, by: perConnection) {
                let streams = min(perConnection, wanted - first)
                group.addTask {
                    try await endpoint.withClient { client in
                        let sharing = Sharing_SharingService.Client(wrapping: client)
                        try await withThrowingDiscardingTaskGroup { members in
                            for _ in 0..<streams {
                                members.addTask {
                                    do {
                                        try await sharing.subscribe(.with {
                                            $0.context = BenchRecords.context
                                            $0.cursor = cursor
                                        }) { response in
                                            for try await _ in response.messages {}
                                        }
                                    } catch where !(error is CancellationError) && !Task.isCancelled {
                                        failures.withLock { $0.append("\(error)") }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            try await waitForOpenStreams(baseline + wanted)
            try await Task.sleep(for: .seconds(3))  // let the opening settle
            let window = cpuWindow()
            try await Task.sleep(for: duration * 2)
            let cpu = window.percentages()
            let open = try await openStreams() - baseline
            let resident = ProcessMeter(target: .process(deployment.serverID)).residentMB()
            group.cancelAll()
            return (open, resident, cpu, window.summary())
        }
        let serverCPU = figures.2.first { $0.0 == "server" }?.1 ?? .nan
        let postgresCPU = figures.2.first { $0.0 == "postgres" }?.1 ?? .nan
        report.say("\(grouped(Double(figures.0))) idle subscriptions: server RSS \(fixed(figures.1, 0)) MB (\(fixed(memoryBefore, 0)) MB before; "
                   + "target ≤ 512 MB), idle CPU server \(fixed(serverCPU, 1))% (target ≤ 5%), postgres \(fixed(postgresCPU, 1))%   [\(figures.3)]")
        if let first = failures.withLock({ $0.first }) {
            report.say("  \(failures.withLock { $0.count }) subscriptions failed; first: \(first)")
        }
        report.record("idle_subscriptions", figures.0)
        report.record("idle_subscriptions_rss_mb", figures.1)
        report.record("idle_cpu_percent", serverCPU)
        report.record("idle_postgres_cpu_percent", postgresCPU)
    }
}
