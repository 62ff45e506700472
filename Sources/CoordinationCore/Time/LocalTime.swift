import Foundation

/// Times as the county's people read and type them: in one zone (Asia/Shanghai unless told
/// otherwise), shown with its offset — `2026-12-10 09:00 +08:00` — and read in local form
/// (`2026-12-10 09:00`, `2026-12-10T09:00`, `2026-12-10`) or with an offset or `Z`.
public struct LocalTime: Sendable, Hashable {
    /// The zone of the leading group's county: China Standard Time.
    public static let county = LocalTime(zone: TimeZone(identifier: "Asia/Shanghai")!)

    public let zone: TimeZone
    /// The Gregorian calendar in ``zone``, for showing times without a formatter per call.
    private let calendar: Calendar

    public init(zone: TimeZone) {
        self.zone = zone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
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
    public func minute(_ date: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return "\(day(date)) \(Self.twoDigits(parts.hour ?? 0)):\(Self.twoDigits(parts.minute ?? 0)) \(offset(at: date))"
    }

    /// `2026-12-10` (the day in this zone).
    public func day(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let year = String(parts.year ?? 0)
        return "\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)-\(Self.twoDigits(parts.month ?? 0))-\(Self.twoDigits(parts.day ?? 0))"
    }

    /// The zone's offset at `date`, e.g. `+08:00`.
    public func offset(at date: Date = Date()) -> String {
        let seconds = zone.secondsFromGMT(for: date)
        let minutes = abs(seconds) / 60
        return "\(seconds < 0 ? "-" : "+")\(Self.twoDigits(minutes / 60)):\(Self.twoDigits(minutes % 60))"
    }

    private static func twoDigits(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }

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

    private func parser(_ pattern: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        formatter.isLenient = false
        return formatter
    }
}
