import CoordinationAPI
import Foundation
import SwiftProtobuf

extension BenchPhases {
    /// The transport's ceiling: a unary echo over the same mutual TLS, no interceptors, no database.
    func measureEcho() async throws {
        let payload = Google_Protobuf_BytesValue.with { $0.value = Data(repeating: 7, count: 256) }
        let window = cpuWindow()
        let outcome = try await maximum().run(deployment.echo) { client, _ in
            try await EchoPeer.call(client, payload: payload)
        }
        sayFailures(outcome, in: "echo")
        echoMax = outcome.perSecond
        report.say("bare echo (mTLS, unary)       \(grouped(outcome.perSecond)) calls/s   p50 \(fixed(outcome.latencies.percentile(50))) ms, "
                   + "p99 \(fixed(outcome.latencies.percentile(99))) ms   [\(window.summary())]")
        report.record("echo_calls_per_s", outcome.perSecond)
        report.record("echo_p99_ms", outcome.latencies.percentile(99))
    }

    /// Durable unary publishes: the maximum with calls in flight, then a sweep of fixed rates.
    func measureUnary() async throws {
        let window = cpuWindow()
        let outcome = try await maximum().run(deployment.server) { [marks] client, number in
            let response = try await Sharing_SharingService.Client(wrapping: client)
                .publish(try BenchRecords.publish("unary-\(number)", n: number))
            marks.saw(response.sequence)
        }
        sayFailures(outcome, in: "unary")
        unaryMax = outcome.perSecond
        let ratio = echoMax.map { outcome.perSecond / $0 } ?? .nan
        report.say("unary publish                 \(grouped(outcome.perSecond)) records/s  \(fixed(ratio))× echo (target ≥ 0.5×)   "
                   + "p50 \(fixed(outcome.latencies.percentile(50))) ms, p99 \(fixed(outcome.latencies.percentile(99))) ms   [\(window.summary())]")
        report.record("unary_publish_per_s", outcome.perSecond)
        report.record("unary_vs_echo", ratio)
        report.record("unary_p99_ms", outcome.latencies.percentile(99))

        var sweep: [[String: Any]] = []
        for fraction in options.sweepFractions {
            let rate = outcome.perSecond * fraction
            let window = cpuWindow()
            let fixedRate = Load(rate: rate, duration: duration, connections: options.connections, inFlight: options.inFlight * 4)
            let point = try await fixedRate.run(deployment.server) { [marks] client, number in
                let response = try await Sharing_SharingService.Client(wrapping: client)
                    .publish(try BenchRecords.publish("sweep-\(fraction)-\(number)", n: number))
                marks.saw(response.sequence)
            }
            sayFailures(point, in: "sweep")
            let cpu = window.percentages()
            report.say("  at \(Int(fraction * 100))% (\(grouped(rate))/s offered): \(grouped(point.perSecond))/s done, "
                       + "p50 \(fixed(point.latencies.percentile(50))) ms, p99 \(fixed(point.latencies.percentile(99))) ms   [\(window.summary())]")
            sweep.append([
                "offered_per_s": rate.rounded(), "done_per_s": point.perSecond.rounded(),
                "p50_ms": point.latencies.percentile(50), "p99_ms": point.latencies.percentile(99),
                "server_cpu_percent": (cpu.first { $0.0 == "server" }?.1 ?? 0).rounded(),
            ])
        }
        report.record("unary_sweep", sweep)
    }

    /// Batched publishes (client streams of `--batch-size` records).
    func measureBatch() async throws {
        let batchSize = options.batchSize
        let window = cpuWindow()
        let load = Load(rate: nil, duration: duration, connections: options.connections, inFlight: 1)
        let outcome = try await load.run(deployment.server) { [marks] client, number in
            let batch = try (0..<batchSize).map { try BenchRecords.publish("batch-\(number)-\($0)", n: $0) }
            let response = try await Sharing_SharingService.Client(wrapping: client)
                .publishBatch(requestProducer: { try await $0.write(contentsOf: batch) })
            marks.saw(response.results.last?.sequence ?? 0)
        }
        sayFailures(outcome, in: "batch")
        let perSecond = outcome.perSecond * Double(batchSize)
        report.say("batched publish (\(batchSize) per batch)  \(grouped(perSecond)) records/s   [\(window.summary())]")
        batchMax = perSecond
        report.record("batch_publish_per_s", perSecond)
    }

    /// The database's ceiling: pgbench one-row INSERT transactions against the same cluster.
    func measurePgbench() async throws {
        let window = cpuWindow()
        let tps = try await deployment.environment.postgres.pgbenchInsertTPS(
            credentials: deployment.credentials, clients: options.connections, threads: 2, seconds: options.seconds)
        report.say("pgbench one-INSERT, -c \(options.connections) -j 2  \(grouped(tps)) tps   [\(window.summary())]")
        report.record("pgbench_tps", tps)
        if let batch = batchMax {
            report.say("  batched publish: \(fixed(batch / tps))× pgbench (target ≥ 1.0×)")
            report.record("batch_vs_pgbench", batch / tps)
        }
    }

    /// A load that keeps `--in-flight` calls outstanding on each connection.
    func maximum() -> Load {
        Load(rate: nil, duration: duration, connections: options.connections, inFlight: options.inFlight)
    }
}
