import Foundation

extension RecordValue {
    /// The value as people read it in a routed text: enum names, plain numbers, `true`/`false`,
    /// timestamps as RFC 3339 UTC (`2026-09-21T10:40:00Z`), lists joined by ", ".
    var readableText: String {
        switch self {
        case .bool(let value): String(value)
        case .int(let value): String(value)
        case .uint(let value): String(value)
        case .double(let value):
            value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .string(let value): value
        case .bytes(let data): data.base64EncodedString()
        case .enumeration(let name, let number): name ?? String(number)
        case .timestamp(let seconds, let nanos): Self.rfc3339(seconds: seconds, nanos: nanos)
        case .list(let elements): elements.map(\.readableText).joined(separator: ", ")
        case .map(let entries): entries.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.readableText)" }.joined(separator: ", ")
        case .message(let message): message.fields.map { "\($0.name): \($0.value.readableText)" }.joined(separator: ", ")
        }
    }

    /// A timestamp as RFC 3339 UTC text, with a fraction of a second only when it has one.
    private static func rfc3339(seconds: Int64, nanos: Int32) -> String {
        let (days, secondOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let (day, second) = secondOfDay < 0 ? (days - 1, secondOfDay + 86_400) : (days, secondOfDay)
        // Civil date from days since 1970-01-01 (Howard Hinnant's days_from_civil, inverted).
        let shifted = day + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func padded(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var text = "\(padded(year, 4))-\(padded(month, 2))-\(padded(dayOfMonth, 2))"
            + "T\(padded(second / 3600, 2)):\(padded(second / 60 % 60, 2)):\(padded(second % 60, 2))"
        if nanos > 0 {
            var fraction = padded(Int64(nanos), 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "Z"
    }
}
