import CoordinationAPI
import CoordinationTesting
import Foundation
import Testing

/// `coord indicator` and `coord evaluation` as a coordinator runs them.
@Suite("IndicatorCLITests")
struct IndicatorCLITests {
    @Test("coord indicator define, report, rollup (table and JSON) and attainment")
    func rollupOutput() async throws {
        try await TestServer.with { server in
            try await server.seedIndicatorTree()
            let coordinator = try server.pki.coordinator
            let defined = try await CoordCLI.run([
                "indicator", "define", IndicatorFixtures.rooms, "--name-zh", "设立心理咨询室的村（社区）比例",
                "--name-en", "Communities with a counselling room", "--numerator", "communities with a room",
                "--denominator", "communities", "--owner", "civil-affairs", "--level", "community",
                "--step", "20@2019-12-31", "--step", "50@2020-12-31", "--step", "80@2021-12-31",
            ], server: server, as: coordinator)
            #expect(defined.status == 0, "\(defined.stderr)")
            #expect(defined.stdout.contains("≥20.0% by 2019-12-31, ≥50.0% by 2020-12-31, ≥80.0% by 2021-12-31"))

            let reporter = try server.system("civil-affairs")
            for (jurisdiction, numerator, denominator) in IndicatorFixtures.values2020 {
                let reported = try await CoordCLI.run([
                    "indicator", "report", IndicatorFixtures.rooms, "--jurisdiction", jurisdiction, "--period", "2020",
                    "--numerator", "\(numerator)", "--denominator", "\(denominator)",
                ], server: server, as: reporter)
                #expect(reported.status == 0, "\(reported.stderr)")
            }
            let bad = try await CoordCLI.run([
                "indicator", "report", IndicatorFixtures.rooms, "--jurisdiction", IndicatorFixtures.dongmen, "--period", "2020-Q3",
                "--numerator", "1", "--denominator", "4",
            ], server: server, as: reporter)
            #expect(bad.status != 0 && bad.stderr.contains("period"))

            let table = try await CoordCLI.run(
                ["indicator", "rollup", IndicatorFixtures.rooms, "--period", "2020"], server: server, as: coordinator)
            #expect(table.status == 0, "\(table.stderr)")
            let township = try #require(table.stdout.split(separator: "\n").first { $0.contains("demo-county.chengguan ") })
            #expect(township.hasPrefix("  demo-county.chengguan"))
            #expect(township.contains("50.0%") && township.contains("2/2") && township.contains("met"))
            let county = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("demo-county ") })
            #expect(county.contains("57.1%") && county.contains("3/4"))
            #expect(table.stdout.contains("    demo-county.xinan.shangzhuang"))

            let json = try await CoordCLI.run(
                ["indicator", "rollup", IndicatorFixtures.rooms, "--period", "2020", "--json"], server: server, as: coordinator)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
            let chengguan = try #require(rows.first { $0["jurisdiction"] as? String == "demo-county.chengguan" })
            #expect(chengguan["value"] as? Double == 50 && chengguan["met"] as? Bool == true)
            #expect(chengguan["display"] as? String == "50.0%")

            let attainment = try await CoordCLI.run([
                "indicator", "attainment", IndicatorFixtures.rooms, "--jurisdiction", "demo-county.xinan", "--from", "2019",
                "--to", "2020",
            ], server: server, as: coordinator)
            #expect(attainment.status == 0, "\(attainment.stderr)")
            #expect(attainment.stdout.contains("trend: not enough data"))
            #expect(attainment.stdout.contains("75.0%"))

            let listed = try await CoordCLI.run(["indicator", "list", "--json"], server: server, as: coordinator)
            let indicators = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
            #expect(indicators.map { $0["code"] as? String } == [IndicatorFixtures.rooms])

            let feedback = try await CoordCLI.run([
                "evaluation", "feedback", "--year", "2020", "--department", "civil-affairs", "--text", "Good progress.",
            ], server: server, as: coordinator)
            #expect(feedback.status == 0, "\(feedback.stderr)")
            let evaluation = try await CoordCLI.run(
                ["evaluation", "show", "--year", "2020", "--department", "civil-affairs"], server: server, as: coordinator)
            #expect(evaluation.status == 0, "\(evaluation.stderr)")
            #expect(evaluation.stdout.contains("Good progress."))
            #expect(evaluation.stdout.contains("community-counselling-rooms") && evaluation.stdout.contains("57.1%"))
        }
    }
}
