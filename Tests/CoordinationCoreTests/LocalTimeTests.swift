import CoordinationCore
import Foundation
import Testing

@Suite("Local time")
struct LocalTimeTests {
    /// 2026-12-10 01:00:00 UTC.
    private let instant = Date(timeIntervalSince1970: 1_796_864_400)

    @Test("shown in the county's zone with its offset, or in another")
    func shown() throws {
        #expect(LocalTime.county.minute(instant) == "2026-12-10 09:00 +08:00")
        #expect(LocalTime.county.day(instant) == "2026-12-10")
        let utc = try #require(LocalTime(identifier: "UTC"))
        #expect(utc.minute(instant) == "2026-12-10 01:00 +00:00")
        #expect(try #require(LocalTime(identifier: "+05:30")).minute(instant) == "2026-12-10 06:30 +05:30")
        #expect(try #require(LocalTime(identifier: ":Asia/Shanghai")).minute(instant) == "2026-12-10 09:00 +08:00")
        // West of Greenwich the day may be the one before.
        let denver = try #require(LocalTime(identifier: "-07:00"))
        #expect(denver.minute(instant) == "2026-12-09 18:00 -07:00" && denver.day(instant) == "2026-12-09")
        #expect(LocalTime.county.offset(at: instant) == "+08:00")
        #expect(LocalTime(identifier: "Mars/Olympus") == nil)
        #expect(LocalTime(identifier: "+25:00") == nil)
    }

    @Test("typed in local form in the zone, or with an offset as written; a day alone is its first or last second")
    func typed() {
        let county = LocalTime.county
        for text in ["2026-12-10 09:00", "2026-12-10T09:00", "2026-12-10 09:00:00", "2026-12-10T09:00:00",
                     "2026-12-10T01:00:00Z", "2026-12-10T09:00:00+08:00", "2026-12-10T01:00:00.000Z"] {
            #expect(county.date(from: text) == instant, "\(text)")
        }
        #expect(county.date(from: "2026-12-10") == instant.addingTimeInterval(-9 * 3600))
        #expect(county.date(from: "2026-12-10", endOfDay: true) == instant.addingTimeInterval(15 * 3600 - 1))
        for text in ["next tuesday", "2026-13-01", "2026-12-10 25:00", "10/12/2026", ""] {
            #expect(county.date(from: text) == nil, "\(text)")
        }
    }
}
