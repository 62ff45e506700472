import CoordinationAPI
import CoordinationCore
import CoordinationTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// `coord report` writes the year's evaluation from what the server holds.
@Suite("Evaluation report")
struct ReportTests {
    /// ops/render-report in this checkout.
    static let renderScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("ops/render-report").path

    private static func date(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text + "T00:00:00Z")!
    }

    private static func timestamp(_ text: String) -> Google_Protobuf_Timestamp {
        Google_Protobuf_Timestamp(date: date(text))
    }

    @Test("Markdown and HTML: attainment against the 2021 step with its trend, tasks by status and department, feedback")
    func report() async throws {
        let clock = ManualClock(Self.date("2021-02-01"))
        try await TestServer.with(configure: { $0.clock = clock }) { server in
            try await server.seedDirectory(installingPlugins: false)
            let coordinator = try server.pki.coordinator
            let civilAffairs = try server.system("civil-affairs")
            try await server.withClient(coordinator) { client in
                _ = try await Indicators_IndicatorService.Client(wrapping: client).defineIndicator(.with {
                    $0.indicator = .with {
                        $0.code = "community-rooms"
                        $0.nameZh = "社区心理咨询室覆盖率"
                        $0.nameEn = "Communities with a counselling room"
                        $0.numeratorDescription = "communities with a counselling or social-work room"
                        $0.denominatorDescription = "communities"
                        $0.unit = .percent
                        $0.ownerDepartment = "civil-affairs"
                        $0.direction = .atLeast
                        $0.level = .community
                        $0.period = .year
                    }
                    $0.targets = [(20, "2019-12-31"), (50, "2020-12-31"), (80, "2021-12-31")].map { step in
                        .with {
                            $0.threshold = step.0
                            $0.deadline = step.1
                        }
                    }
                })
            }
            // 2019: 1 of 3 communities; 2020 and 2021: 2 of 3.
            let communities = ["demo-county.chengguan.dongmen", "demo-county.chengguan.ximen", "demo-county.xinan.hetou"]
            try await server.withClient(civilAffairs) { client in
                let indicators = Indicators_IndicatorService.Client(wrapping: client)
                for (year, withRoom) in [(2019, 1), (2020, 2), (2021, 2)] {
                    for (index, community) in communities.enumerated() {
                        _ = try await indicators.reportValue(.with {
                            $0.code = "community-rooms"
                            $0.jurisdictionCode = community
                            $0.period = String(year)
                            $0.numerator = index < withRoom ? 1 : 0
                            $0.denominator = 1
                        })
                    }
                }
            }
            let (rooms, training) = try await server.withClient(coordinator) { client in
                let tasks = Tasks_TaskService.Client(wrapping: client)
                let plan = try await tasks.createWorkPlan(.with {
                    $0.title = "2021 social psychological service plan"
                    $0.jurisdictionCode = "demo-county"
                    $0.year = 2021
                    $0.phases = [
                        .with { $0.phase = .mobilisation; $0.startsAt = Self.timestamp("2021-01-01"); $0.endsAt = Self.timestamp("2021-03-31") },
                        .with { $0.phase = .promotion; $0.startsAt = Self.timestamp("2021-04-01"); $0.endsAt = Self.timestamp("2021-09-30") },
                    ]
                })
                func task(_ title: String, lead: String, phase: Tasks_WorkPlanPhase) async throws -> Tasks_Task {
                    try await tasks.createTask(.with {
                        $0.title = title
                        $0.leadDepartment = lead
                        $0.priority = .normal
                        $0.workPlanPhase = .with {
                            $0.workPlanID = plan.workPlanID
                            $0.phase = phase
                        }
                    })
                }
                return (
                    try await task("Open community counselling rooms", lead: "civil-affairs", phase: .promotion),
                    try await task("Train school counsellors", lead: "education", phase: .mobilisation))
            }
            try await server.withClient(civilAffairs) { client in
                let tasks = Tasks_TaskService.Client(wrapping: client)
                _ = try await tasks.reportProgress(.with {
                    $0.taskID = rooms.taskID
                    $0.status = .inProgress
                    $0.percent = 60
                })
                _ = try await tasks.completeTask(.with { $0.taskID = rooms.taskID })
            }
            clock.set(Self.date("2021-12-31"))
            try await server.withClient(coordinator) { client in
                _ = try await Evaluation_EvaluationService.Client(wrapping: client).recordFeedback(.with {
                    $0.year = 2021
                    $0.departmentCode = "education"
                    $0.text = "Counsellor training is overdue; report a new schedule"
                })
            }
            #expect(training.leadDepartment == "education")

            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let run = try await CoordCLI.run(
                ["report", "--year", "2021", "--jurisdiction", "demo-county", "--out", folder], server: server, as: coordinator)
            #expect(run.status == 0, "\(run.stderr)")
            let markdown = try String(contentsOfFile: folder + "/evaluation-demo-county-2021.md", encoding: .utf8)
            #expect(markdown.contains("**Evaluation report — Demo County, 2021**"))
            #expect(markdown.contains(
                "| Communities with a counselling room (`community-rooms`) | Civil Affairs Bureau | 66.7% | ≥ 80.0% by 2021-12-31 (earlier: ≥ 20.0% by 2019-12-31; ≥ 50.0% by 2020-12-31) | not met | ↑ rising: 33.3% → 66.7% → 66.7% |"),
                "\(markdown)")
            #expect(markdown.contains("| Lead department | open | completed | overdue |"))
            #expect(markdown.contains("| Civil Affairs Bureau | 0 | 1 | 0 |"))
            #expect(markdown.contains("| Education Bureau | 1 | 0 | 1 |"))
            #expect(markdown.contains("- Train school counsellors — Education Bureau, due 2021-03-31"))
            #expect(markdown.contains("| Civil Affairs Bureau (civil-affairs) | 1 | 1 | 0 | 0 | 0 of 1 | — |"))
            #expect(markdown.contains(
                "| Education Bureau (education) | 1 | 0 | 0 | 1 | 0 of 0 | Counsellor training is overdue; report a new schedule |"))

            let html = try String(contentsOfFile: folder + "/evaluation-demo-county-2021.html", encoding: .utf8)
            #expect(html.components(separatedBy: "<svg").count - 1 == 2, "percentages and tasks")
            #expect(html.contains("<title>Education Bureau: 1 open</title>"))
            #expect(!html.contains("<script"))

            // The county's coordinators read it in Chinese, and print it.
            let chinese = try await CoordCLI.run(
                ["report", "--year", "2021", "--jurisdiction", "demo-county", "--out", folder], server: server, as: coordinator,
                environment: ["LANG": "zh_CN.UTF-8"])
            #expect(chinese.stdout.hasPrefix("已写出 "), "\(chinese.stdout)\(chinese.stderr)")
            let zh = try String(contentsOfFile: folder + "/evaluation-demo-county-2021.md", encoding: .utf8)
            #expect(zh.contains("**示范县 2021 年度督导评估报告**"))
            #expect(zh.contains(
                "| 社区心理咨询室覆盖率 (`community-rooms`) | 民政局 | 66.7% | 2021-12-31 前 ≥ 80.0%（此前：2019-12-31 前 ≥ 20.0%；2020-12-31 前 ≥ 50.0%） | 未达标 | ↑ 上升：33.3% → 66.7% → 66.7% |"),
                "\(zh)")
            #expect(zh.contains("- Train school counsellors — 教育局，期限 2021-03-31"))
            let rendered = try await CoordCLI.run(executable: ReportTests.renderScript, [folder + "/evaluation-demo-county-2021.html"])
            #expect(rendered.status == 0, "\(rendered.stdout)\(rendered.stderr)")
            let pdf = folder + "/evaluation-demo-county-2021.pdf"
            #expect(FileManager.default.contents(atPath: pdf)?.prefix(4) == Data("%PDF".utf8))
            let info = try await CoordCLI.run(executable: "/usr/bin/pdfinfo", [pdf])
            #expect(info.stdout.contains("(A4)"), "\(info.stdout)")
            let words = try await CoordCLI.run(executable: "/usr/bin/pdftotext", [pdf, "-"])
            #expect(words.stdout.contains("社会心理服务体系建设督导评估报告") && words.stdout.contains("指标达标情况"), "\(words.stdout)")
            let png = FileManager.default.contents(atPath: folder + "/evaluation-demo-county-2021-1.png")
            #expect(png?.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))

            // Departments have no view of the whole evaluation: the report needs a coordinator.
            let denied = try await CoordCLI.run(
                ["report", "--year", "2021", "--jurisdiction", "demo-county", "--out", folder], server: server,
                as: try server.system("education"))
            #expect(denied.status == 1)
            #expect(denied.stderr.contains("needs a coordinator's certificate"))
        }
    }
}
