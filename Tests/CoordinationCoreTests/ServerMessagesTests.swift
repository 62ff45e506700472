import Foundation
import Testing

/// The server's messages to callers have their Chinese: every message literal of the domain,
/// storage and server code — a `CoordinationError`'s message, a field's problem — is a key of
/// `ServerMessages.chinese`, with as many values.
@Suite("Server messages in Chinese")
struct ServerMessagesTests {
    /// Where a message literal starts: after `message:`, `description:`, the problem of
    /// `invalidArgument(field:…, "…")`, and the problem helpers' second argument.
    static let openers = [
        #"\bmessage:\s*""#,
        #"\bdescription:\s*""#,
        #"invalidArgument\(\s*field:\s*[^,]+,\s*""#,
        #"\b(?:fail|reject|fault|note|wrongState)\([^,\n]+,\s*""#,
        #"\brequire\([^,\n]+,\s*[^,\n]+,\s*""#,
        #"\btoDo:\s*""#,
        #"\brequired:\s*""#,
        #"\brequireText\([^,\n]+,\s*field:\s*[^,\n]+,\s*""#,
        #"\bwrongState\([^,\n]+,[^\n]*\n\s*\?\s*""#,
        #"\bwrongState\([^,\n]+,[^\n]*\n[^\n]*\n\s*:\s*""#,
        #"\bseparator:\s*""#,
        #"\bproblems\.(?:append|insert)\(\s*""#,
        #"\bmessage:[^\n"]*\n?\s*\?\s*""#,
        #"\bmessage:[^\n]*\n?\s*\?[^\n]*\n\s*:\s*""#,
        // Notices' texts: a draft's title and detail, and texts declared `Localized`.
        #"\bsubject:[^\n]*\n?[^\n]*\btitle:\s*(?:[^"\n]*\?\s*)?""#,
        #"\btitle:\s*[^"\n]*\?\s*"[^\n]*\n?\s*:\s*""#,
        #"\btitle: "[^"\n]*",\s*detail:\s*""#,
        #"\btitle:[^\n]*\n\s*detail:\s*(?:[^"\n]*\n?\s*\?\s*)?""#,
        #"\bdetail:\s*[^"\n]*\n\s*\?\s*"[^\n]*\n\s*:\s*""#,
        #": Localized = (?:[^"\n]*\n?\s*\?\s*)?""#,
        #": Localized = [^\n]*\n[^\n]*\n\s*:\s*""#,
        #"\bparts\.append\(\s*""#,
    ]

    @Test("every message literal of CoordinationCore, CoordinationStorage and CoordinationServer has its Chinese")
    func complete() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let catalog = try ChineseCatalogFile(
            root.appendingPathComponent("Sources/CoordinationServer/Edge/Language/ServerMessages.swift"),
            from: "static let chinese", to: nil)
        var keys: [String: String] = [:]
        for module in ["CoordinationCore", "CoordinationStorage", "CoordinationServer"] {
            let folder = root.appendingPathComponent("Sources/\(module)")
            let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
                .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
            for file in files {
                let source = try String(contentsOf: file, encoding: .utf8)
                for opener in Self.openers {
                    for key in try SwiftLiterals.keys(in: source, after: opener) where key.contains(where: \.isLetter) {
                        keys[key] = file.lastPathComponent
                    }
                }
            }
        }
        #expect(keys.count > 150, "the scan found the server's messages")
        catalog.expectTranslated(keys)
    }
}
