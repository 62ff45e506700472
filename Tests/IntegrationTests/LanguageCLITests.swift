import CoordinationAPI
import CoordinationClient
import CoordinationTesting
import DevEnvironment
import Foundation
import GRPCCore
import GRPCProtobuf
import Testing

/// `coord` in Chinese for the county's coordinators, in English on request.
@Suite("CLI language")
struct LanguageCLITests {
    static let chinese = ["LANG": "zh_CN.UTF-8"]

    @Test("LANG=zh_CN: headings, names, value words, messages and errors are Chinese; --lang en overrides it")
    func chinese() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let coordinator = try server.pki.coordinator
            let departments = try await CoordCLI.run(["department", "list"], server: server, as: coordinator, environment: Self.chinese)
            #expect(departments.status == 0)
            let heading = departments.stdout.split(separator: "\n").first.map(String.init) ?? ""
            #expect(heading.hasPrefix("代码") && heading.contains("名称") && heading.contains("状态"), "\(departments.stdout)")
            #expect(departments.stdout.contains("教育局") && !departments.stdout.contains("Education Bureau"), "\(departments.stdout)")
            #expect(departments.stdout.contains("启用"), "\(departments.stdout)")

            let english = try await CoordCLI.run(["--lang", "en", "department", "list"], server: server, as: coordinator, environment: Self.chinese)
            #expect(english.stdout.hasPrefix("CODE") && !english.stdout.contains("教育局"), "\(english.stdout)")

            let created = try await CoordCLI.run(
                ["meeting", "create", "--title", "联席会议", "--kind", "joint", "--jurisdiction", "demo-county",
                 "--starts-at", "2026-12-10 09:00", "--invite", "education,unions"],
                server: server, as: coordinator, environment: Self.chinese)
            #expect(created.stdout.hasPrefix("已创建会议 ") && created.stdout.contains("草稿"), "\(created.stdout)\(created.stderr)")

            // The notice of the convened meeting reads in each reader's language.
            let meeting = String(created.stdout.dropFirst("已创建会议 ".count).prefix(36))
            let convened = try await CoordCLI.run(["meeting", "convene", meeting], server: server, as: coordinator)
            #expect(convened.status == 0, "\(convened.stderr)")
            let education = try server.system("education")
            let zhNotices = try await CoordCLI.run(["notice", "list", "--kind", "meeting.convened", "--json"], server: server, as: education, environment: Self.chinese)
            #expect(zhNotices.stdout.contains("联席会议已召集：联席会议"), "\(zhNotices.stdout)")
            let enNotices = try await CoordCLI.run(["notice", "list", "--kind", "meeting.convened", "--json"], server: server, as: education)
            #expect(enNotices.stdout.contains("Joint meeting convened: 联席会议"), "\(enNotices.stdout)")

            // A task's history: the server's words in the reader's language, what people wrote as written.
            let plan = try await CoordCLI.run(
                ["plan", "create", "--title", "2027 方案", "--jurisdiction", "demo-county", "--year", "2027",
                 "--phase", "mobilisation:2027-01-01:2027-02-28", "-q"], server: server, as: coordinator)
            let task = try await CoordCLI.run(
                ["task", "create", "--plan", plan.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "--phase", "mobilisation",
                 "--title", "培训", "--lead", "education", "-q"], server: server, as: coordinator)
            let taskID = task.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            _ = try await CoordCLI.run(
                ["task", "progress", taskID, "--status", "in-progress", "--percent", "40", "--note", "第一期已完成"],
                server: server, as: education)
            let zhTask = try await CoordCLI.run(["task", "show", taskID, "--json"], server: server, as: coordinator, environment: Self.chinese)
            #expect(zhTask.stdout.contains("工作方案 '2027 方案'，动员部署阶段") && zhTask.stdout.contains("进行中，40%：第一期已完成"),
                    "\(zhTask.stdout)\(zhTask.stderr)")
            let enTask = try await CoordCLI.run(["task", "show", taskID, "--json"], server: server, as: coordinator)
            #expect(enTask.stdout.contains("work plan '2027 方案', mobilisation phase") && enTask.stdout.contains("in progress, 40%: 第一期已完成"),
                    "\(enTask.stdout)")

            let missing = try await CoordCLI.run(["meeting", "show", "abcd"], server: server, as: coordinator, environment: Self.chinese)
            #expect(missing.status == 1)
            #expect(missing.stderr == "错误：您可查看的会议中，没有编号以 'abcd' 开头的\n", "\(missing.stderr)")

            // The server's refusal keeps its words but its status reads in Chinese.
            let refused = try await CoordCLI.run(
                ["department", "disable", "education", "--reason", "x"], server: server, as: try server.pki.officer, environment: Self.chinese)
            #expect(refused.status == 1 && refused.stderr.hasPrefix("错误：无权操作："), "\(refused.status) \(refused.stdout) \(refused.stderr)")
        }
    }

    @Test("without a server: a refused connection, a mistyped command and a bad --lang, in Chinese")
    func offline() async throws {
        let port = try LocalPort.free()
        let coordinator = try TestPKI().coordinator
        let down = try await CoordCLI.run(
            ["whoami", "--server", "127.0.0.1:\(port)", "--cert", coordinator.certificatePath, "--key", coordinator.keyPath,
             "--ca", coordinator.caPath],
            environment: Self.chinese)
        #expect(down.stderr.contains("连接 127.0.0.1:\(port) 被拒绝：该地址上没有服务器在监听"), "\(down.stderr)")

        let typo = try await CoordCLI.run(["meting", "list"], environment: Self.chinese)
        #expect(typo.status == 64 && typo.stderr.hasPrefix("错误：'coord' 没有子命令 'meting'；是否想用 'meeting'？"), "\(typo.stderr)")

        let help = try await CoordCLI.run(["meeting", "show", "--help"], environment: Self.chinese)
        #expect(help.stdout.contains("用法：") && help.stdout.contains("选项："), "\(help.stdout)")

        let unknown = try await CoordCLI.run(["--lang", "fr", "whoami"], environment: Self.chinese)
        #expect(unknown.status != 0 && unknown.stderr.contains("--lang must be zh-CN or en, got 'fr'"), "\(unknown.stderr)")
    }

    @Test("the profile's lang applies when the locale names no language")
    func profile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coord-lang-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let profile = folder.appendingPathComponent("config.json")
        try Data(#"{"lang": "zh-CN"}"#.utf8).write(to: profile)
        let typo = try await CoordCLI.run(["meting"], environment: ["COORD_CONFIG": profile.path, "LANG": "C.UTF-8"])
        #expect(typo.stderr.hasPrefix("错误："), "\(typo.stderr)")
        let english = try await CoordCLI.run(["meting"], environment: ["COORD_CONFIG": profile.path, "LANG": "en_US.UTF-8"])
        #expect(english.stderr.hasPrefix("Error: "), "\(english.stderr)")
    }

    @Test("a department system that asks for zh-CN (accept-language) reads the server's refusals in Chinese, BadRequest details too")
    func serverMessages() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory(installingPlugins: false)
            let request = Directory_CreateDepartmentRequest.with {
                $0.department = .with {
                    $0.code = "Youth Centre!"
                    $0.nameZh = "青少年中心"
                    $0.nameEn = "Youth Centre"
                    $0.jurisdictionCode = "demo-county"
                }
            }
            func refusal(_ metadata: Metadata, as credentials: ClientCredentials) async throws -> RPCError? {
                await #expect(throws: RPCError.self) {
                    try await server.withClient(credentials) {
                        try await Directory_DirectoryService.Client(wrapping: $0).createDepartment(request, metadata: metadata)
                    }
                }
            }
            func isChinese(_ text: String) -> Bool { text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }

            let admin = try server.pki.admin
            let english = try await refusal([:], as: admin)
            let chinese = try await refusal(["accept-language": "zh-CN,zh;q=0.9,en;q=0.5"], as: admin)
            #expect(english?.code == .invalidArgument && chinese?.code == .invalidArgument)
            #expect(english.map { !isChinese($0.message) } == true, "\(english?.message ?? "")")
            #expect(chinese.map { isChinese($0.message) && $0.message.hasPrefix("department.code") } == true, "\(chinese?.message ?? "")")
            let detail = try chinese?.unpackGoogleRPCStatus()?.details.compactMap(\.badRequest).flatMap(\.violations).first
            #expect(detail?.field == "department.code" && detail.map { isChinese($0.description) } == true)

            // A refusal names the caller in Chinese too; the permission keeps its name.
            let denied = try await refusal(["accept-language": "zh-CN"], as: try server.system("education"))
            #expect(denied?.code == .permissionDenied)
            #expect(denied.map { isChinese($0.message) && $0.message.contains("'directory.write'") } == true, "\(denied?.message ?? "")")
            let unknownLanguage = try await refusal(["accept-language": "fr-FR"], as: try server.system("education"))
            #expect(unknownLanguage?.message.contains("lacks the permission 'directory.write'") == true)
        }
    }
}
