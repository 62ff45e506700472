import Foundation

/// Times as the county's people read and type them: in one zone (Asia/Shanghai unless told
/// otherwise), shown with its offset — `2026-12-10 09:00 +08:00` — and read in local form
/// (`2026-12-10 09:00`, `2026-12-10T09:00`, `2026-12-10`) or with an offset or `Z`.
public struct LocalTime: Sendable, Hashable {
    /// The zone of the leading group's county: China Standard Time.
    public static let county = LocalTime(zone: TimeZone(identifier: "Asia/Shanghai")!)

    public let zone: TimeZone

    public init(zone: TimeZone) {
        self.zone = zone
    }

    /// The zone named `identifier` (`Asia/Shanghai`, `UTC`, `+08:00`), or `nil` if there is none.
    public init?(identifier: String) {
        let trimmed = identifier.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "^:", with: "", options: .regularExpression)
        if let zone = TimeZone(identifier: trimmed) {
            self.init(zone: zone)
        } else if let match = trimmed.wholeMatch(of: /(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?/),
                  let hours = Int(match.2), hours <= 14, let zone = TimeZone(
                    secondsFromGMT: (match.1 == "-" ? -1 : 1) * (hours * 3600 + (match.3.flatMap { Int($0) } ?? 0) * 60)) {
            self.init(zone: zone)
        } else {
            return nil
        }
    }

    /// `2026-12-10 09:00 +08:00`.
    public func minute(_ date: Date) -> String { format(date, "yyyy-MM-dd HH:mm xxx") }

    /// `2026-12-10` (the day in this zone).
    public func day(_ date: Date) -> String { format(date, "yyyy-MM-dd") }

    /// The zone's offset at `date`, e.g. `+08:00`.
    public func offset(at date: Date = Date()) -> String { format(date, "xxx") }

    /// The instant `text` names: with an offset or `Z` as written, otherwise in this zone. A day
    /// alone is its first second, or its last with `endOfDay`. `nil` if `text` is no time.
    public func date(from text: String, endOfDay: Bool = false) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        let withOffset = ISO8601DateFormatter()
        if let date = withOffset.date(from: text) { return date }
        withOffset.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withOffset.date(from: text) { return date }
        for pattern in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm"] {
            if let date = parser(pattern).date(from: text) { return date }
        }
        if text.count == 10, let start = parser("yyyy-MM-dd").date(from: text) {
            return endOfDay ? start.addingTimeInterval(86_399) : start
        }
        return nil
    }

    private func format(_ date: Date, _ pattern: String) -> String {
        parser(pattern).string(from: date)
    }

    private func parser(_ pattern: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        formatter.isLenient = false
        return formatter
    }
}
