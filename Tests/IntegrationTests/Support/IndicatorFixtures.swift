import CoordinationAPI
import CoordinationClient
import CoordinationTesting
import GRPCCore
import GRPCNIOTransportHTTP2

/// Indicator and evaluation calls, and the indicator and tree the tests share.
extension TestServer {
    /// Indicator calls as `credentials`.
    func indicators<Result: Sendable>(
        _ credentials: ClientCredentials,
        _ body: @Sendable (Indicators_IndicatorService.Client<HTTP2ClientTransport.Posix>) async throws -> Result
    ) async throws -> Result {
        try await withClient(credentials) { try await body(Indicators_IndicatorService.Client(wrapping: $0)) }
    }

    /// Evaluation calls as `credentials`.
    func evaluation<Result: Sendable>(
        _ credentials: ClientCredentials,
        _ body: @Sendable (Evaluation_EvaluationService.Client<HTTP2ClientTransport.Posix>) async throws -> Result
    ) async throws -> Result {
        try await withClient(credentials) { try await body(Evaluation_EvaluationService.Client(wrapping: $0)) }
    }

    /// Seeds the directory and adds a second village under Xin'an that never reports, so the
    /// tree is demo-county → chengguan (dongmen, ximen), xinan (hetou, shangzhuang). No plugin
    /// is installed, so no plugin's indicators are defined: the tests define their own.
    func seedIndicatorTree() async throws {
        try await seedDirectory(installingPlugins: false)
        try await directory(try pki.admin) { directory in
            _ = try await directory.createJurisdiction(.with {
                $0.jurisdiction = .with {
                    $0.code = IndicatorFixtures.shangzhuang
                    $0.nameZh = "上庄村"
                    $0.nameEn = "Shangzhuang Village"
                    $0.level = .community
                    $0.parentCode = "demo-county.xinan"
                }
            })
        }
    }

    /// Reports `values` (jurisdiction → numerator, denominator) for `period` as civil affairs.
    func report(_ values: [(String, Int64, Int64)], period: String, code: String = IndicatorFixtures.rooms) async throws {
        try await indicators(try system("civil-affairs")) { indicators in
            for (jurisdiction, numerator, denominator) in values {
                _ = try await indicators.reportValue(.with {
                    $0.code = code
                    $0.jurisdictionCode = jurisdiction
                    $0.period = period
                    $0.numerator = numerator
                    $0.denominator = denominator
                })
            }
        }
    }
}

enum IndicatorFixtures {
    static let rooms = "community-counselling-rooms"
    static let dongmen = "demo-county.chengguan.dongmen"
    static let ximen = "demo-county.chengguan.ximen"
    static let hetou = "demo-county.xinan.hetou"
    static let shangzhuang = "demo-county.xinan.shangzhuang"

    /// Dongmen 1/4 (25%), Ximen 9/16 (56.25%), Hetou 6/8 (75%): Chengguan is 10/20 = 50.0%
    /// (the average of its percentages is 40.6%), the county 16/28 = 57.1% (averages: 52.1% of
    /// the villages, 62.5% of the townships).
    static let values2020: [(String, Int64, Int64)] = [(dongmen, 1, 4), (ximen, 9, 16), (hetou, 6, 8)]

    /// Communities with a counselling room, per community and year, owned by civil affairs,
    /// ≥20% by 2019, ≥50% by 2020, ≥80% by 2021 (001, 004 附件3 (六)).
    static func define(
        steps: [(Double, String)] = [(20, "2019-12-31"), (50, "2020-12-31"), (80, "2021-12-31")],
        code: String = rooms, owner: String = "civil-affairs", level: Directory_JurisdictionLevel = .community
    ) -> Indicators_DefineIndicatorRequest {
        .with {
            $0.indicator = .with {
                $0.code = code
                $0.nameZh = "设立心理咨询室的村（社区）比例"
                $0.nameEn = "Communities with a counselling room"
                $0.numeratorDescription = "communities with a counselling room"
                $0.denominatorDescription = "communities"
                $0.unit = .percent
                $0.ownerDepartment = owner
                $0.direction = .atLeast
                $0.level = level
                $0.period = .year
                $0.source = "001, 004 附件3 (六)"
            }
            $0.baseline = .with {
                $0.value = 5
                $0.period = "2018"
            }
            $0.targets = steps.map { step in
                .with {
                    $0.threshold = step.0
                    $0.deadline = step.1
                }
            }
        }
    }
}
