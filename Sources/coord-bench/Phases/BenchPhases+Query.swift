import CoordinationAPI
import Foundation
import Synchronization

extension BenchPhases {
    /// Publishes batches until `total` records are stored.
    func fill(to total: Int) async throws {
        let stored = Int(marks.highest)
        guard stored < total else { return }
        report.say("storing records: \(grouped(Double(stored))) → \(grouped(Double(total)))…")
        let batchSize = 1_000
        let batches = (total - stored + batchSize - 1) / batchSize
        let next = Locked(0)
        let began = ContinuousClock.now
        try await withThrowingDiscardingTaskGroup { group in
            for _ in 0..<4 {
                group.addTask { [deployment, marks] in
                    try await deployment.server.withClient { client in
                        let sharing = Sharing_SharingService.Client(wrapping: client)
                        while true {
                            let batch = next.withLock { value in
                                defer { value += 1 }
                                return value
                            }
                            guard batch < batches else { return }
                            let records = try (0..<batchSize).map { try BenchRecords.publish("fill-\(stored)-\(batch)-\($0)", n: $0) }
                            let response = try await sharing.publishBatch(requestProducer: { try await $0.write(contentsOf: records) })
                            marks.saw(response.results.last?.sequence ?? 0)
                        }
                    }
                }
            }
        }
        report.say("  stored \(grouped(Double(marks.highest))) records in \(fixed(began.duration(to: .now).seconds, 0)) s")
    }

    /// First-page query latency (median of 30 after 5 to warm up) for a department that may read
    /// the stored records (health) and one that may read none of them (trade unions).
    func measureQueries(label: String) async throws {
        let stored = marks.highest
        var line = "query, first page, at \(grouped(Double(stored))) records:"
        for (identity, key) in [("system-health", "query_\(label)_ms"), ("system-unions", "query_none_\(label)_ms")] {
            let samples = try await deployment.server(as: identity).withClient { client in
                let sharing = Sharing_SharingService.Client(wrapping: client)
                var samples: [Duration] = []
                for round in 0..<35 {
                    let began = ContinuousClock.now
                    _ = try await sharing.query(.with {
                        $0.context = BenchRecords.context
                        $0.recordType = BenchRecords.type
                    })
                    if round >= 5 { samples.append(began.duration(to: .now)) }
                }
                return Samples(samples)
            }
            line += " \(identity.replacingOccurrences(of: "system-", with: "")) \(fixed(samples.percentile(50))) ms"
            report.record(key, samples.percentile(50))
        }
        report.record("query_\(label)_records", Int(stored))
        report.say(line + " (target at 10⁶: ≤ 2× at 10⁴)")
    }
}
