import BuiltInPlugins
import CoordinationAPI
import CoordinationCore
import CoordinationTesting
import DevEnvironment
import Foundation
import GRPCCore
import PostgresNIO
import Testing

/// Indicators over the real server: definitions, reports, roll-up along the seeded tree,
/// attainment against multi-step targets, validation and denials.
@Suite("IndicatorTests")
struct IndicatorTests {
    @Test("roll-up on a three-level tree sums numerators and denominators, with coverage and attainment")
    func rollupThreeLevels() async throws {
        try await TestServer.with { server in
            try await server.seedIndicatorTree()
            let coordinator = try server.pki.coordinator
            let defined = try await server.indicators(coordinator) { try await $0.defineIndicator(IndicatorFixtures.define()) }
            #expect(defined.targets.map(\.threshold) == [20, 50, 80])
            try await server.report(IndicatorFixtures.values2020, period: "2020")

            let response = try await server.indicators(try server.person(.officer, of: "education")) {
                try await $0.rollup(.with {
                    $0.code = IndicatorFixtures.rooms
                    $0.period = "2020"
                })
            }
            let rows = Dictionary(uniqueKeysWithValues: response.rows.map { ($0.jurisdictionCode, $0) })
            #expect(response.rows.map(\.jurisdictionCode) == [
                "demo-county", "demo-county.chengguan", IndicatorFixtures.dongmen, IndicatorFixtures.ximen,
                "demo-county.xinan", IndicatorFixtures.hetou, IndicatorFixtures.shangzhuang,
            ])
            #expect(response.rows.map(\.depth) == [0, 1, 2, 2, 1, 2, 2])
            let chengguan = try #require(rows["demo-county.chengguan"])
            #expect(chengguan.numerator == 10 && chengguan.denominator == 20)
            #expect(chengguan.value == 50)  // not (25 + 56.25) / 2 = 40.625
            #expect(chengguan.reported == 2 && chengguan.expected == 2)
            #expect(chengguan.judgement.met && chengguan.judgement.step.threshold == 50)
            let county = try #require(rows["demo-county"])
            #expect(county.numerator == 16 && county.denominator == 28)
            #expect(abs(county.value - 400.0 / 7) < 1e-9)  // not 52.08 nor 62.5
            #expect(county.reported == 3 && county.expected == 4)
            let xinan = try #require(rows["demo-county.xinan"])
            #expect(xinan.value == 75 && xinan.reported == 1 && xinan.expected == 2)
            let silent = try #require(rows[IndicatorFixtures.shangzhuang])
            #expect(!silent.hasValue && !silent.hasJudgement && silent.reported == 0)

            let sub = try await server.indicators(coordinator) {
                try await $0.rollup(.with {
                    $0.code = IndicatorFixtures.rooms
                    $0.period = "2020"
                    $0.rootJurisdictionCode = "demo-county.chengguan"
                })
            }
            #expect(sub.rows.map(\.jurisdictionCode) == ["demo-county.chengguan", IndicatorFixtures.dongmen, IndicatorFixtures.ximen])
            #expect(sub.rows.first?.value == 50 && sub.rows.first?.depth == 0)
        }
    }

    @Test("attainment follows the 20%/50%/80% steps per year, with gap and trend")
    func attainmentWithSteps() async throws {
        try await TestServer.with { server in
            try await server.seedIndicatorTree()
            _ = try await server.indicators(try server.pki.coordinator) { try await $0.defineIndicator(IndicatorFixtures.define()) }
            try await server.report([(IndicatorFixtures.dongmen, 1, 4), (IndicatorFixtures.ximen, 3, 16)], period: "2019")
            try await server.report(IndicatorFixtures.values2020, period: "2020")
            try await server.report([(IndicatorFixtures.dongmen, 3, 4), (IndicatorFixtures.ximen, 12, 16)], period: "2021")

            let response = try await server.indicators(try server.system("civil-affairs")) {
                try await $0.attainment(.with {
                    $0.code = IndicatorFixtures.rooms
                    $0.jurisdictionCode = "demo-county.chengguan"
                    $0.fromPeriod = "2019"
                    $0.toPeriod = "2022"
                })
            }
            #expect(response.points.map(\.period) == ["2019", "2020", "2021", "2022"])
            #expect(response.points.map { $0.hasValue ? $0.value : -1 } == [20, 50, 75, -1])
            #expect(response.points.map(\.step.threshold) == [20, 50, 80, 80])
            #expect(response.points.map(\.step.deadline) == ["2019-12-31", "2020-12-31", "2021-12-31", "2021-12-31"])
            #expect(response.points.prefix(3).map(\.judgement.met) == [true, true, false])
            #expect(abs(response.points[2].judgement.gap - 5) < 1e-9)
            #expect(!response.points[3].hasJudgement)
            #expect(response.trend == .up)
        }
    }

    @Test("a re-report replaces the value, keeps every revision and is audited")
    func reReportKeepsHistory() async throws {
        try await TestServer.with { server in
            try await server.seedIndicatorTree()
            _ = try await server.indicators(try server.pki.coordinator) { try await $0.defineIndicator(IndicatorFixtures.define()) }
            let civil = try server.person(.officer, of: "civil-affairs")
            let revisions = try await server.indicators(civil) { indicators in
                var revisions: [Int32] = []
                for numerator in [Int64(1), 3] {
                    revisions.append(try await indicators.reportValue(.with {
                        $0.code = IndicatorFixtures.rooms
                        $0.jurisdictionCode = IndicatorFixtures.dongmen
                        $0.period = "2020"
                        $0.numerator = numerator
                        $0.denominator = 4
                    }).revision)
                }
                return revisions
            }
            #expect(revisions == [1, 2])
            let row = try await server.indicators(civil) {
                try await $0.rollup(.with {
                    $0.code = IndicatorFixtures.rooms
                    $0.period = "2020"
                    $0.rootJurisdictionCode = IndicatorFixtures.dongmen
                })
            }.rows
            #expect(row.map(\.numerator) == [3] && row.map(\.value) == [75])
            let (history, audited) = try await EmbeddedPostgres.withClient(server.owner, logger: TestLog.logger) { client in
                var history: [Int64] = []
                for try await numerator in try await client.query(
                    "SELECT numerator FROM coord.indicator_report_revision ORDER BY revision", logger: TestLog.logger
                ).decode(Int64.self) { history.append(numerator) }
                var audited = 0
                for try await _ in try await client.query(
                    "SELECT 1 FROM coord.audit_entry WHERE body LIKE '%\"action\":\"indicator.report\"%'", logger: TestLog.logger) {
                    audited += 1
                }
                return (history, audited)
            }
            #expect(history == [1, 3])
            #expect(audited == 2)
        }
    }

    @Test("bad definitions, targets and reports are INVALID_ARGUMENT naming the field")
    func validation() async throws {
        try await TestServer.with { server in
            try await server.seedIndicatorTree()
            let coordinator = try server.pki.coordinator
            func expectInvalid(_ field: String, _ call: @escaping @Sendable () async throws -> Void) async {
                let error = await #expect(throws: RPCError.self) { try await call() }
                #expect(error?.code == .invalidArgument, "\(field)")
                #expect(error?.message.contains(field) == true, "\(field): \(error?.message ?? "")")
            }
            await expectInvalid("targets[1].threshold") {
                _ = try await server.indicators(coordinator) {
                    try await $0.defineIndicator(IndicatorFixtures.define(steps: [(50, "2019-12-31"), (20, "2020-12-31")]))
                }
            }
            await expectInvalid("targets[1].deadline") {
                _ = try await server.indicators(coordinator) {
                    try await $0.defineIndicator(IndicatorFixtures.define(steps: [(20, "2020-12-31"), (50, "2019-12-31")]))
                }
            }
            await expectInvalid("indicator.owner_department") {
                _ = try await server.indicators(coordinator) { try await $0.defineIndicator(IndicatorFixtures.define(owner: "nobody")) }
            }
            await expectInvalid("indicator.level") {
                _ = try await server.indicators(coordinator) { try await $0.defineIndicator(IndicatorFixtures.define(level: .unspecified)) }
            }
            _ = try await server.indicators(coordinator) { try await $0.defineIndicator(IndicatorFixtures.define()) }
            let again = await #expect(throws: RPCError.self) {
                try await server.indicators(coordinator) { try await $0.defineIndicator(IndicatorFixtures.define()) }
            }
            #expect(again?.code == .alreadyExists)
            await expectInvalid("targets[2].threshold") {
                _ = try await server.indicators(coordinator) {
                    try await $0.setTargets(.with {
                        $0.code = IndicatorFixtures.rooms
                        $0.targets = [(20.0, "2019-12-31"), (60, "2020-12-31"), (40, "2021-12-31")].map { step in
                            .with {
                                $0.threshold = step.0
                                $0.deadline = step.1
                            }
                        }
                    })
                }
            }
            let reportCases: [(String, String, String, Int64, Int64)] = [
                ("numerator", IndicatorFixtures.dongmen, "2020", 5, 4),
                ("numerator", IndicatorFixtures.dongmen, "2020", -1, 4),
                ("denominator", IndicatorFixtures.dongmen, "2020", 0, -4),
                ("jurisdiction_code", "demo-county.chengguan", "2020", 1, 4),
                ("period", IndicatorFixtures.dongmen, "2020-Q3", 1, 4),
                ("period", IndicatorFixtures.dongmen, "2020-07", 1, 4),
            ]
            for (field, jurisdiction, period, numerator, denominator) in reportCases {
                await expectInvalid(field) {
                    _ = try await server.indicators(try server.system("civil-affairs")) {
                        try await $0.reportValue(.with {
                            $0.code = IndicatorFixtures.rooms
                            $0.jurisdictionCode = jurisdiction
                            $0.period = period
                            $0.numerator = numerator
                            $0.denominator = denominator
                        })
                    }
                }
            }
            let steps = try await server.indicators(coordinator) { try await $0.getIndicator(.with { $0.code = IndicatorFixtures.rooms }) }
            #expect(steps.targets.map(\.threshold) == [20, 50, 80])
        }
    }

    @Test("only coordinators define; only the owning department reports")
    func permissions() async throws {
        try await TestServer.with { server in
            try await server.seedIndicatorTree()
            let defineDenied = await #expect(throws: RPCError.self) {
                try await server.indicators(try server.person(.officer, of: "civil-affairs")) {
                    try await $0.defineIndicator(IndicatorFixtures.define())
                }
            }
            #expect(defineDenied?.code == .permissionDenied)
            #expect(defineDenied?.message.contains("'indicators.manage'") == true)
            _ = try await server.indicators(try server.pki.coordinator) { try await $0.defineIndicator(IndicatorFixtures.define()) }
            for credentials in [try server.system("education"), try server.person(.officer, of: "health"), try server.pki.coordinator] {
                let denied = await #expect(throws: RPCError.self) {
                    try await server.indicators(credentials) {
                        try await $0.reportValue(.with {
                            $0.code = IndicatorFixtures.rooms
                            $0.jurisdictionCode = IndicatorFixtures.dongmen
                            $0.period = "2020"
                            $0.numerator = 1
                            $0.denominator = 4
                        })
                    }
                }
                #expect(denied?.code == .permissionDenied)
            }
            let listed = try await server.indicators(try server.system("education")) { try await $0.listIndicators(.init()) }
            #expect(listed.indicators.map(\.code) == [IndicatorFixtures.rooms])
        }
    }

    @Test("the dev indicators and the plugins' declared indicators together are the BRIEF's, valid and with sources")
    func devAndPluginIndicators() throws {
        let declared = try BuiltInPlugins.catalog().manifests.flatMap { manifest in
            try manifest.indicators.map { try Indicator(declaration: $0, owner: manifest.departmentCode) }
        }
        let all = DevIndicators.all + declared
        #expect(Set(all.map(\.code)).count == all.count, "a code is defined twice")
        #expect(Set(all.map(\.code)) == [
            "community-counselling-rooms", "university-mental-health-teachers", "universities-two-mental-health-teachers",
            "school-counselling-rooms", "workplace-mental-health-services", "general-hospital-psychiatry",
            "township-health-centre-counselling-rooms", "severe-mental-disorder-management",
            "severe-mental-disorder-risk-assessment", "community-rehabilitation", "special-population-counselling",
            "crisis-intervention-drills", "science-popularisation-events", "township-management-groups",
            "psychological-aid-hotline",
        ])
        // The dev seed keeps only the indicators of departments without a plugin.
        #expect(Set(DevIndicators.all.map(\.ownerDepartment)) == ["health", "political-legal", "propaganda"])
        #expect(Set(declared.map(\.ownerDepartment)) == ["civil-affairs", "education", "unions"])
        for indicator in all {
            try IndicatorRules.validate(indicator)
            #expect(!indicator.source.isEmpty && !indicator.target.steps.isEmpty, "\(indicator.code)")
        }
        let rooms = try #require(declared.first { $0.code == "community-counselling-rooms" })
        #expect(rooms.ownerDepartment == "civil-affairs" && rooms.level == .township)
        #expect(rooms.target.steps.map(\.threshold) == [20, 50, 80])
        #expect(Set(all.map(\.ownerDepartment)).isSubset(of: Set(DevSeed.departments.map(\.code))))
    }
}
