import Foundation

/// The figures of one run: printed as they are measured, and at the end as one JSON object.
final class Report {
    private let json: Bool
    private var figures: [String: Any] = [:]

    init(json: Bool) { self.json = json }

    /// Prints a line for people: to standard output, or to standard error when the JSON object
    /// is what standard output is for.
    func say(_ line: String) {
        (json ? FileHandle.standardError : FileHandle.standardOutput).write(Data((line + "\n").utf8))
    }

    /// Records one figure of the JSON object (NaN and infinities as `null`).
    func record(_ key: String, _ value: Double) {
        figures[key] = value.isFinite ? (value * 1000).rounded() / 1000 : NSNull()
    }

    func record(_ key: String, _ value: Int) { figures[key] = value }

    func record(_ key: String, _ value: String) { figures[key] = value }

    func record(_ key: String, _ value: [[String: Any]]) { figures[key] = value }

    /// Prints the JSON object, when asked for.
    func finish() throws {
        guard json else { return }
        let data = try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys, .prettyPrinted])
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}

/// `12,345` for a report line.
func grouped(_ value: Double) -> String {
    guard value.isFinite else { return "—" }
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.maximumFractionDigits = value < 100 ? 1 : 0
    return formatter.string(from: NSNumber(value: value)) ?? "\(value)"
}

/// `1.23` for a report line.
func fixed(_ value: Double, _ digits: Int = 2) -> String {
    value.isFinite ? String(format: "%.\(digits)f", value) : "—"
}
