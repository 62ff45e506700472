import Foundation
import CoordinationCore
import SwiftProtobuf

/// Prints listings as aligned tables for people or as JSON for scripts.
enum Output {
    /// The width tables keep within (terminal columns; CJK characters count two).
    static let tableWidth = 100

    /// Free-text columns, which may be cut; ids, times, codes and numbers stay whole.
    static let textColumns: Set<String> = ["TITLE", "NAME", "WHO", "SUMMARY", "DETAIL", "REASON", "NOTE", "MESSAGE", "DESCRIPTION"]

    /// Free-text columns are not cut narrower than this, unless the table is still too wide.
    static let narrowestCut = 24

    /// Lists and long names that may be cut (after the free text, and as far as
    /// ``narrowestLastCut``) when the table is still too wide; ids and codes people type stay whole.
    static let secondaryColumns: Set<String> = ["COOPERATING", "SUBJECT", "TYPE", "RECORD TYPES", "TARGET STEPS", "DETAIL", "FIELDS"]

    /// How narrow a cut column may become when nothing else helps.
    static let narrowestLastCut = 10

    /// Prints `rows` under `headers` (English, shown in the language of the run), columns padded to the widest cell; when that is wider than
    /// ``tableWidth``, the widest free-text column (``textColumns``) is cut, ending in `…`, as far
    /// as ``narrowestCut`` — `--json` has every value whole.
    static func table(_ headers: [String], _ rows: [[String]]) {
        let cuttable = headers.indices.filter { textColumns.contains(headers[$0]) }
        let secondary = Set(headers.indices.filter { secondaryColumns.contains(headers[$0]) })
        let wordy = headers.indices.filter { wordColumns.contains(headers[$0]) }
        var headers = headers.map { tr(Localized(stringLiteral: $0)) }
        var rows = CLILanguage.current == .en ? rows : rows.map { row in
            var row = row
            for column in wordy where column < row.count {
                row[column] = row[column].split(separator: " ", omittingEmptySubsequences: false).map { word(String($0)) }.joined(separator: " ")
            }
            return row
        }
        compactOffsets(&headers, &rows)
        var widths = headers.indices.map { column in
            ([headers[column]] + rows.map { $0[column] }).map(displayWidth).max() ?? 0
        }
        let separators = 2 * max(0, headers.count - 1)
        while widths.reduce(separators, +) > tableWidth, let widest = cuttable.max(by: { widths[$0] < widths[$1] }),
              widths[widest] > narrowestCut {
            widths[widest] -= 1
        }
        // Cutting further only if that makes the table fit: a wide table keeps readable cells.
        let lastResort = cuttable + headers.indices.filter { secondary.contains($0) }
        let narrowest = widths.indices.reduce(separators) { $0 + (lastResort.contains($1) ? min(widths[$1], narrowestLastCut) : widths[$1]) }
        while narrowest <= tableWidth, widths.reduce(separators, +) > tableWidth,
              let widest = lastResort.max(by: { widths[$0] < widths[$1] }), widths[widest] > narrowestLastCut {
            widths[widest] -= 1
        }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { cell, width in
                let cell = truncated(cell, to: width)
                return cell + String(repeating: " ", count: max(0, width - displayWidth(cell)))
            }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }
        print(line(headers))
        for row in rows { print(line(row)) }
    }

    /// A column whose times all carry the same offset says it once, in its heading
    /// (`DUE (+08:00)`), and its cells keep date and time.
    static func compactOffsets(_ headers: inout [String], _ rows: inout [[String]]) {
        let time = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}) ([+-]\d{2}:\d{2})/
        for column in headers.indices {
            let cells = rows.map { column < $0.count ? $0[column] : "" }.filter { $0 != "-" && !$0.isEmpty }
            let offsets = Set(cells.map { (try? time.prefixMatch(in: $0)).flatMap { $0.map { String($0.2) } } })
            guard !cells.isEmpty, offsets.count == 1, let offset = offsets.first ?? nil else { continue }
            headers[column] += " (\(offset))"
            for index in rows.indices where column < rows[index].count {
                rows[index][column] = rows[index][column].replacing(time) { "\($0.1)" }
            }
        }
    }

    /// `text` cut to `width` columns, ending in `…` when cut.
    static func truncated(_ text: String, to width: Int) -> String {
        guard displayWidth(text) > width else { return text }
        var kept = ""
        for character in text {
            if displayWidth(kept + String(character)) + 1 > width { break }
            kept.append(character)
        }
        return kept + "…"
    }

    /// Prints `value` as pretty, key-sorted JSON.
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// Prints `value` as one line of key-sorted JSON (for streams).
    static func jsonLine<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        line(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// `message` as one line of JSON in the style of every `--json`: proto3 JSON names
    /// (lowerCamelCase), enum values as lowercase words (``EnumWords``), keys sorted.
    static func protoJSON(_ message: some SwiftProtobuf.Message) throws -> String {
        let json = try message.jsonString()
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        let data = try JSONSerialization.data(
            withJSONObject: EnumWords.rewrite(object), options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }

    /// Writes `text` and a newline at once, unbuffered: a follower sees each event as it comes.
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// `date` as people read it in a table: `2026-11-23 18:05 +08:00`, in ``CLITime``'s zone.
    static func timestamp(_ date: Date) -> String { CLITime.current.minute(date) }

    /// `count` and `noun`, plural when not one: `1 department`, `3 departments` (`3 个部门`).
    static func count(_ count: Int, _ noun: String) -> String {
        if CLILanguage.current == .zhCN { return "\(count) \(ChineseMessages.counted[noun] ?? noun)" }
        return "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// A name in the language of the run: the Chinese one in zh-CN, else the English one (each
    /// falling back to the other when empty).
    static func name(zh: String, en: String) -> String {
        CLILanguage.current == .zhCN ? (zh.isEmpty ? en : zh) : (en.isEmpty ? zh : en)
    }

    /// Columns whose cells are value words (``word(_:)``), translated word by word; `OVERDUE`
    /// after a time is one too.
    static let wordColumns: Set<String> = [
        "STATUS", "KIND", "SEVERITY", "URGENCY", "PRIORITY", "CONSENT", "LEVEL", "ROLE", "STATE", "RSVP", "LEAD",
        "EVENT", "ACTION", "PURPOSE", "BASIS", "UNIT", "DUE", "ACCEPT BY", "ACKNOWLEDGED", "MET",
    ]

    /// A value word (a status, kind or role as the flags spell it) in the language of the run.
    static func word(_ word: String) -> String {
        CLILanguage.current == .zhCN ? ChineseMessages.words[word] ?? word : word
    }

    /// Terminal width of `text`: CJK characters take two columns.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            width + ((0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                || (0xFF00...0xFF60).contains(scalar.value) ? 2 : 1)
        }
    }
}
