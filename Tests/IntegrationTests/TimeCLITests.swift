import CoordinationTesting
import Foundation
import Testing

/// `coord` shows every time in the county's zone (or `--tz`, or `$TZ`) with its offset, and
/// reads a time typed without an offset in that zone.
@Suite("CLI time zone")
struct TimeCLITests {
    @Test("times are shown with their offset in Asia/Shanghai, --tz or TZ, and typed in local form or with an offset")
    func zones() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let coordinator = try server.person(.coordinator, of: "health")
            // 09:00 typed without an offset is 09:00 in the county: 01:00 UTC.
            let local = try await CoordCLI.run([
                "meeting", "create", "--kind", "joint", "--title", "local", "--jurisdiction", "demo-county",
                "--starts-at", "2026-12-10 09:00", "--invite", "education", "-q",
            ], server: server, as: coordinator)
            #expect(local.status == 0, "\(local.stderr)")
            // -q prints the new id alone.
            let id = local.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(UUID(uuidString: id) != nil, "\(local.stdout)")

            let shown = try await CoordCLI.run(["meeting", "show", id], server: server, as: coordinator)
            #expect(shown.stdout.contains("starts 2026-12-10 09:00 +08:00"), "\(shown.stdout)")
            let utc = try await CoordCLI.run(["meeting", "show", id, "--tz", "UTC"], server: server, as: coordinator)
            #expect(utc.stdout.contains("starts 2026-12-10 01:00 +00:00"), "\(utc.stdout)")
            let berlin = try await CoordCLI.run(
                ["meeting", "show", id], server: server, as: coordinator, environment: ["TZ": "Europe/Berlin"])
            #expect(berlin.stdout.contains("starts 2026-12-10 02:00 +01:00"), "\(berlin.stdout)")
            let json = try await CoordCLI.run(["meeting", "show", id, "--json"], server: server, as: coordinator)
            #expect(json.stdout.contains("2026-12-10T01:00:00Z"), "\(json.stdout)")

            // With an offset, as written; typed in another zone with --tz, in that zone.
            let offset = try await CoordCLI.run([
                "meeting", "create", "--kind", "joint", "--title", "offset", "--jurisdiction", "demo-county",
                "--starts-at", "2026-12-11T09:00:00+08:00", "--invite", "education", "--tz", "UTC",
            ], server: server, as: coordinator)
            #expect(offset.status == 0, "\(offset.stderr)")
            let typedInUTC = try await CoordCLI.run([
                "meeting", "create", "--kind", "joint", "--title", "utc", "--jurisdiction", "demo-county",
                "--starts-at", "2026-12-12 01:00", "--invite", "education", "--tz", "UTC",
            ], server: server, as: coordinator)
            #expect(typedInUTC.status == 0, "\(typedInUTC.stderr)")
            let list = try await CoordCLI.run(["meeting", "list"], server: server, as: coordinator)
            // The column's offset is said once, in its heading.
            #expect(list.stdout.hasPrefix("ID        STARTS (+08:00)"), "\(list.stdout)")
            for (title, start) in [("local", "2026-12-10 09:00"), ("offset", "2026-12-11 09:00"), ("utc", "2026-12-12 09:00")] {
                #expect(list.stdout.split(separator: "\n").contains { $0.contains(title) && $0.contains(start) }, "\(title): \(list.stdout)")
            }
            let inUTC = try await CoordCLI.run(["meeting", "list", "--tz", "UTC"], server: server, as: coordinator)
            #expect(inUTC.stdout.contains("STARTS (+00:00)") && inUTC.stdout.contains("2026-12-10 01:00"), "\(inUTC.stdout)")

            // A zone or a time that cannot be read is named by its flag.
            let bad = try await CoordCLI.run(["meeting", "list", "--tz", "Mars/Olympus"], server: server, as: coordinator)
            #expect(bad.status != 0)
            #expect(bad.stderr.contains("--tz must be a time zone"), "\(bad.stderr)")
            let badTime = try await CoordCLI.run([
                "meeting", "create", "--kind", "joint", "--title", "x", "--jurisdiction", "demo-county",
                "--starts-at", "next tuesday", "--invite", "education",
            ], server: server, as: coordinator)
            #expect(badTime.status != 0)
            #expect(badTime.stderr.contains("--starts-at must be a date or time"), "\(badTime.stderr)")
        }
    }
}
