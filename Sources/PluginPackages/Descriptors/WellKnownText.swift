/// The proto3 JSON text of `google.protobuf.Timestamp` and `google.protobuf.Duration`, written
/// as swift-protobuf writes it and read as it reads it.
enum WellKnownText {
    /// 0001-01-01T00:00:00Z.
    static let minimumTimestampSeconds: Int64 = -62_135_596_800
    /// 9999-12-31T23:59:59Z.
    static let maximumTimestampSeconds: Int64 = 253_402_300_799
    /// About 10,000 years.
    static let maximumDurationSeconds: Int64 = 315_576_000_000

    /// RFC 3339 text in UTC with 0, 3, 6 or 9 fraction digits, e.g. `2024-03-01T08:30:00.250Z`;
    /// `nil` outside 0001–9999 or for nanos outside 0..<1e9.
    static func timestampText(seconds: Int64, nanos: Int32) -> String? {
        guard (minimumTimestampSeconds...maximumTimestampSeconds).contains(seconds),
            (0...999_999_999).contains(nanos)
        else { return nil }
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilDate(daysSince1970: days)
        return digits(year, 4) + "-" + digits(month, 2) + "-" + digits(day, 2) + "T"
            + digits(secondOfDay / 3600, 2) + ":" + digits(secondOfDay / 60 % 60, 2) + ":"
            + digits(secondOfDay % 60, 2) + fraction(nanos) + "Z"
    }

    /// Seconds and nanos of RFC 3339 text: `Z` or a `±hh:mm` offset, at most 9 fraction digits.
    static func timestamp(from text: String) -> (seconds: Int64, nanos: Int32)? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10]),
            let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]),
            let second = number(bytes[17..<19]),
            (1...12).contains(month), day >= 1, day <= daysInMonth(month, year: year),
            hour <= 23, minute <= 59, second <= 59
        else { return nil }
        var position = 19
        var nanos: Int32 = 0
        if bytes[position] == UInt8(ascii: ".") {
            position += 1
            let start = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                position += 1
            }
            let count = position - start
            guard (1...9).contains(count), let fraction = number(bytes[start..<position]) else { return nil }
            nanos = Int32(fraction * power10(9 - count))
        }
        var offset: Int64 = 0
        guard position < bytes.count else { return nil }
        switch bytes[position] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            position += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard bytes.count == position + 6, bytes[position + 3] == UInt8(ascii: ":"),
                let hours = number(bytes[(position + 1)..<(position + 3)]),
                let minutes = number(bytes[(position + 4)..<(position + 6)]), hours <= 23, minutes <= 59
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (bytes[position] == UInt8(ascii: "+") ? 1 : -1)
            position += 6
        default:
            return nil
        }
        guard position == bytes.count else { return nil }
        let seconds = daysSince1970(year: year, month: month, day: day) * 86_400
            + hour * 3600 + minute * 60 + second - offset
        guard (minimumTimestampSeconds...maximumTimestampSeconds).contains(seconds) else { return nil }
        return (seconds, nanos)
    }

    /// Duration text, e.g. `"1.5s"`, `"-0.250s"`; `nil` out of range or with mixed signs.
    static func durationText(seconds: Int64, nanos: Int32) -> String? {
        guard (-maximumDurationSeconds...maximumDurationSeconds).contains(seconds),
            (-999_999_999...999_999_999).contains(nanos),
            seconds == 0 || nanos == 0 || (seconds < 0) == (nanos < 0)
        else { return nil }
        let sign = seconds == 0 && nanos < 0 ? "-" : ""
        return sign + String(seconds) + fraction(nanos.magnitude) + "s"
    }

    /// Seconds and nanos of duration text: an optional `-`, digits, up to 9 fraction digits, `s`.
    static func duration(from text: String) -> (seconds: Int64, nanos: Int32)? {
        guard text.hasSuffix("s") else { return nil }
        var body = Substring(text.dropLast())
        let isNegative = body.hasPrefix("-")
        if isNegative { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, let seconds = number(Array(whole.utf8)[...]),
            seconds <= maximumDurationSeconds
        else { return nil }
        var nanos: Int64 = 0
        if parts.count == 2 {
            let digits = Array(parts[1].utf8)
            guard (1...9).contains(digits.count), let fraction = number(digits[...]) else { return nil }
            nanos = fraction * power10(9 - digits.count)
        }
        return isNegative ? (-seconds, Int32(-nanos)) : (seconds, Int32(nanos))
    }

    /// `""`, or a point and 3, 6 or 9 digits of `nanos`.
    private static func fraction<Nanos: BinaryInteger>(_ nanos: Nanos) -> String {
        let nanos = Int64(nanos)
        if nanos == 0 { return "" }
        if nanos % 1_000_000 == 0 { return "." + digits(nanos / 1_000_000, 3) }
        if nanos % 1000 == 0 { return "." + digits(nanos / 1000, 6) }
        return "." + digits(nanos, 9)
    }

    private static func digits(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// The value of a run of ASCII digits; `nil` if any is not a digit.
    private static func number(_ bytes: ArraySlice<UInt8>) -> Int64? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func power10(_ exponent: Int) -> Int64 {
        (0..<exponent).reduce(1) { result, _ in result * 10 }
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    private static func daysInMonth(_ month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The proleptic Gregorian date `days` after 1970-01-01 (H. Hinnant's civil_from_days).
    private static func civilDate(daysSince1970 days: Int64) -> (Int64, Int64, Int64) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil).
    private static func daysSince1970(year: Int64, month: Int64, day: Int64) -> Int64 {
        let year = month <= 2 ? year - 1 : year
        let era = floorDivide(year, 400)
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
