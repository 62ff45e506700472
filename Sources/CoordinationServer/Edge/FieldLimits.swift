import CoordinationCore
import CoordinationAPI
import Foundation

/// The limits of one request field: the defaults of `coordination/validation/v1/limits.proto`,
/// with whatever the field's annotation replaces.
struct FieldLimits: Sendable, Equatable {
    /// Strings: the most Unicode scalars.
    var maxLength = 256
    /// Strings: line breaks and tabs allowed.
    var multiline = false
    /// Repeated fields and maps: the most items.
    var maxItems = 100
    /// Bytes: the most bytes.
    var maxBytes = 256
    /// Timestamps: how far from the server's clock, in days; `nil` for the API's whole range.
    var withinDays: Int?
    /// Integers: the accepted range.
    var min: Int64?
    var max: Int64?

    /// The earliest timestamp any request may carry: 1900-01-01T00:00:00Z.
    static let earliestSeconds: Int64 = -2_208_988_800
    /// The latest: 2199-12-31T23:59:59Z (and its nanoseconds).
    static let latestSeconds: Int64 = 7_258_118_399

    /// The defaults, replaced by what `annotation` sets.
    init(_ annotation: Validation_FieldLimits? = nil) {
        guard let annotation else { return }
        if annotation.maxLength > 0 { maxLength = Int(annotation.maxLength) }
        multiline = annotation.multiline
        if annotation.maxItems > 0 { maxItems = Int(annotation.maxItems) }
        if annotation.maxBytes > 0 { maxBytes = Int(annotation.maxBytes) }
        if annotation.withinDays > 0 { withinDays = Int(annotation.withinDays) }
        if annotation.hasMin { min = annotation.min }
        if annotation.hasMax { max = annotation.max }
    }

    /// What is wrong with `text`, if anything.
    func problem(withText text: String) -> Localized? {
        TextLimit(maxLength: maxLength, multiline: multiline).problem(with: text)
    }

    /// What is wrong with a timestamp of `seconds` and `nanos`, if anything, at `now`.
    func problem(withSeconds seconds: Int64, nanos: Int32, now: Date) -> Localized? {
        guard (Self.earliestSeconds...Self.latestSeconds).contains(seconds), (0..<1_000_000_000).contains(nanos) else {
            return "must be a time from 1900-01-01T00:00:00Z to 2199-12-31T23:59:59Z"
        }
        if let withinDays, abs(Double(seconds) - now.timeIntervalSince1970) > Double(withinDays) * 86_400 {
            return "must be within \(withinDays) days of today"
        }
        return nil
    }

    /// What is wrong with the integer `value`, if anything.
    func problem(withInteger value: Int64) -> Localized? {
        switch (min, max) {
        case (let min?, let max?) where !(min...max).contains(value): return "must be from \(min) to \(max)"
        case (let min?, nil) where value < min: return "must be at least \(min)"
        case (nil, let max?) where value > max: return "must be at most \(max)"
        default: return nil
        }
    }
}
