import CoordinationCore
import Foundation
import Testing

/// Text in the reader's language: keys, values in order and by position, and completeness of
/// the CLI's Chinese.
@Suite("Localized text")
struct LocalizedTests {
    @Test("the English with %@ for each value is the key; a translation takes the values in order or by position")
    func keysAndValues() {
        let count = 3
        let text: Localized = "\(count) departments have voted on \("d-1") (100%)"
        #expect(text.key == "%@ departments have voted on %@ (100%%)")
        #expect(text.resolved(in: [:]) == "3 departments have voted on d-1 (100%)")
        #expect(text.resolved(in: [text.key: "决定 %2$@：已有 %1$@ 个部门投票（100%%）"]) == "决定 d-1：已有 3 个部门投票（100%）")
        #expect(text.resolved(in: [text.key: "已有 %@ 个部门就 %@ 投票"]) == "已有 3 个部门就 d-1 投票")
    }

    @Test("a locale names its language; C, POSIX and others name none, and LC_ALL wins over LANG")
    func locales() {
        #expect(Language(tag: "zh_CN.UTF-8") == .zhCN)
        #expect(Language(tag: "zh-CN") == .zhCN)
        #expect(Language(tag: "en_US.UTF-8") == .en)
        #expect(Language(tag: "C.UTF-8") == nil)
        #expect(Language(tag: "fr_FR") == nil)
        #expect(Language.fromLocale(["LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"]) == .zhCN)
        #expect(Language.fromLocale(["LANG": "zh_CN.UTF-8", "LC_ALL": ""]) == .zhCN)
        #expect(Language.fromLocale([:]) == nil)
    }

    @Test("every message coord shows through tr() and every table heading has its Chinese, with as many values")
    func chineseIsComplete() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sources = root.appendingPathComponent("Sources/coord")
        let catalog = try ChineseCatalogFile(
            root.appendingPathComponent("Sources/coord/Language/ChineseMessages.swift"), from: "static let catalog", to: "static let counted")
        var keys: [String: String] = [:]
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        #expect(files.count > 20)
        for file in files {
            for key in try SwiftLiterals.localizedKeys(in: String(contentsOf: file, encoding: .utf8)) {
                keys[key] = file.lastPathComponent
            }
        }
        #expect(keys.count > 200, "the scan found the CLI's messages")
        catalog.expectTranslated(keys)
    }
}

/// The entries of a dictionary literal of a catalog's Swift file, between two markers.
struct ChineseCatalogFile {
    var entries: [String: String] = [:]

    /// Records every key (with the file it was found in) that has no Chinese, or whose Chinese
    /// takes another number of values.
    func expectTranslated(_ keys: [String: String]) {
        for (key, file) in keys.sorted(by: { $0.key < $1.key }) {
            guard let chinese = entries[key] else {
                Issue.record("no Chinese for \"\(key)\" (\(file))")
                continue
            }
            #expect(SwiftLiterals.placeholders(in: chinese) == SwiftLiterals.placeholders(in: key), "\"\(key)\" → \"\(chinese)\"")
        }
    }

    init(_ url: URL, from startMarker: String, to endMarker: String?) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let start = text.range(of: startMarker) else { return }
        let end = endMarker.flatMap { text.range(of: $0, range: start.upperBound..<text.endIndex) } ?? (text.endIndex..<text.endIndex)
        let body = String(text[start.upperBound..<end.lowerBound])
        let pattern = try NSRegularExpression(pattern: #"^\s*("(?:[^"\\]|\\.)*")\s*:\s*("(?:[^"\\]|\\.)*"),\s*$"#, options: [.anchorsMatchLines])
        for match in pattern.matches(in: body, range: NSRange(body.startIndex..., in: body)) {
            let key = try JSONDecoder().decode(String.self, from: Data(body[Range(match.range(at: 1), in: body)!].utf8))
            let value = try JSONDecoder().decode(String.self, from: Data(body[Range(match.range(at: 2), in: body)!].utf8))
            entries[key] = value
        }
    }
}

/// Reads Swift source the way ``Localized`` builds keys.
enum SwiftLiterals {
    /// The keys of the string literals that `opener` (a regular expression ending at the
    /// opening quote) introduces.
    static func keys(in source: String, after opener: String) throws -> [String] {
        let characters = Array(source)
        var keys: [String] = []
        let expression = try NSRegularExpression(pattern: opener)
        let nsSource = source as NSString
        for match in expression.matches(in: source, range: NSRange(location: 0, length: nsSource.length)) {
            let quote = nsSource.substring(to: match.range.location + match.range.length - 1).count
            if let (key, _) = literal(characters, at: quote) { keys.append(key) }
        }
        return keys
    }

    /// The keys of `tr("…")` literals and of table headings (`Output.table(["…", …]`, `headers = [`).
    static func localizedKeys(in source: String) throws -> [String] {
        var keys = try self.keys(in: source, after: #"\btr\(\s*""#)
        let nsSource = source as NSString
        let tables = try NSRegularExpression(pattern: #"(?:Output\.table\(\s*|headers = )\[([^\]]*)\]"#)
        for match in tables.matches(in: source, range: NSRange(location: 0, length: nsSource.length)) {
            let list = nsSource.substring(with: match.range(at: 1))
            let heading = try NSRegularExpression(pattern: #""([^"]*)""#)
            for cell in heading.matches(in: list, range: NSRange(location: 0, length: (list as NSString).length)) {
                keys.append((list as NSString).substring(with: cell.range(at: 1)))
            }
        }
        return keys
    }

    /// The key of the string literal whose opening quote is at `start`, and the index after it.
    static func literal(_ characters: [Character], at start: Int) -> (String, Int)? {
        guard start < characters.count, characters[start] == "\"", !(start + 2 < characters.count && characters[start + 1] == "\"" && characters[start + 2] == "\"") else { return nil }
        var key = ""
        var index = start + 1
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count {
                if characters[index + 1] == "(" {
                    index = skipInterpolation(characters, from: index + 2)
                    key += "%@"
                    continue
                }
                if characters[index + 1] == "u", index + 2 < characters.count, characters[index + 2] == "{",
                   let close = characters[(index + 3)...].firstIndex(of: "}"),
                   let scalar = UInt32(String(characters[(index + 3)..<close]), radix: 16).flatMap(Unicode.Scalar.init) {
                    key += String(Character(scalar))
                    index = close + 1
                    continue
                }
                key += unescape(characters[index + 1])
                index += 2
                continue
            }
            if character == "\"" { return (key, index + 1) }
            key += character == "%" ? "%%" : String(character)
            index += 1
        }
        return nil
    }

    private static func skipInterpolation(_ characters: [Character], from start: Int) -> Int {
        var depth = 1
        var index = start
        while index < characters.count, depth > 0 {
            if characters[index] == "\"", let (_, next) = literal(characters, at: index) {
                index = next
                continue
            }
            if characters[index] == "(" { depth += 1 }
            if characters[index] == ")" { depth -= 1 }
            index += 1
        }
        return index
    }

    private static func unescape(_ character: Character) -> String {
        switch character {
        case "n": return "\n"
        case "t": return "\t"
        default: return String(character)
        }
    }

    /// How many values a template takes.
    static func placeholders(in template: String) -> Int {
        let plain = template.replacingOccurrences(of: "%%", with: "")
        return plain.components(separatedBy: "%@").count - 1
            + ((try? NSRegularExpression(pattern: #"%\d+\$@"#))?.numberOfMatches(in: plain, range: NSRange(location: 0, length: (plain as NSString).length)) ?? 0)
    }
}
