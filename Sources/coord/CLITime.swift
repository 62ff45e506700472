import ArgumentParser
import CoordinationCore
import Foundation
import Synchronization

/// The zone `coord` shows and reads times in: `--tz`, else `$TZ`, else the profile's, else Asia/Shanghai — the
/// county's. Every time printed carries its offset, and a time typed without one is read in
/// this zone.
enum CLITime {
    private static let chosen = Mutex<LocalTime?>(nil)

    /// The zone in use.
    static var current: LocalTime {
        chosen.withLock { $0 } ?? fallback
    }

    /// Without `--tz`: `$TZ`, else the profile's `tz`, else the county's.
    private static let fallback: LocalTime = {
        if let variable = ProcessInfo.processInfo.environment["TZ"], !variable.isEmpty, let zone = LocalTime(identifier: variable) {
            return zone
        }
        if let tz = (try? Profile.load())?.tz, let zone = LocalTime(identifier: tz) { return zone }
        return .county
    }()

    /// Uses the zone `--tz` names, if given.
    static func use(_ option: String?) throws {
        guard let option else { return }
        guard let zone = LocalTime(identifier: option) else {
            throw ValidationError(tr("--tz must be a time zone such as Asia/Shanghai, UTC or +08:00, got '\(option)'"))
        }
        chosen.withLock { $0 = zone }
    }

    /// The instant `text` names (see ``LocalTime/date(from:endOfDay:)``), or an error naming `option`.
    static func date(_ text: String, endOfDay: Bool = false, option: String) throws -> Date {
        guard let date = current.date(from: text, endOfDay: endOfDay) else {
            throw ValidationError(tr(
                "\(option) must be a date or time such as 2026-12-10, 2026-12-10 09:00 (in \(current.zone.identifier)) or 2026-12-10T09:00:00+08:00, got '\(text)'"))
        }
        return date
    }
}

/// `--tz`, for every command that shows or reads times.
struct TimeOptions: ParsableArguments {
    @Option(help: .tr("Time zone for the times shown and typed: Asia/Shanghai, UTC, +08:00 (default: $TZ, else Asia/Shanghai)."))
    var tz: String?

    mutating func validate() throws {
        try CLITime.use(tz)
    }
}
