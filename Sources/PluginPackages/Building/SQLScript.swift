/// A migration's SQL file split into statements: at each `;` outside quotes, quoted
/// identifiers, dollar-quoted bodies (`$$ … $$`, `$fn$ … $fn$`) and comments. Comments are kept
/// with the statement they precede; empty statements are dropped.
///
/// ```swift
/// SQLScript.statements("CREATE VIEW a AS SELECT 1; -- done\nCREATE VIEW b AS SELECT ';';")
/// // ["CREATE VIEW a AS SELECT 1", "-- done\nCREATE VIEW b AS SELECT ';'"]
/// ```
public enum SQLScript {
    /// The statements of `text`, trimmed, without their terminating `;`.
    public static func statements(_ text: String) -> [String] {
        let characters = Array(text.unicodeScalars)
        var statements: [String] = []
        var current = String.UnicodeScalarView()
        var index = 0
        func append(_ range: Range<Int>) { current.append(contentsOf: characters[range]) }
        func finish() {
            let statement = String(current).trimmingWhitespace()
            if !isOnlyComments(statement) { statements.append(statement) }
            current = String.UnicodeScalarView()
        }
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            switch character {
            case "'", "\"":
                let end = closing(character, in: characters, from: index + 1)
                append(index..<end)
                index = end
            case "-" where next == "-":
                var end = index
                while end < characters.count && characters[end] != "\n" { end += 1 }
                append(index..<end)
                index = end
            case "/" where next == "*":
                let end = blockCommentEnd(in: characters, from: index + 2)
                append(index..<end)
                index = end
            case "$":
                if let tagEnd = dollarTagEnd(in: characters, from: index) {
                    let tag = Array(characters[index...tagEnd])
                    let end = dollarBodyEnd(tag, in: characters, from: tagEnd + 1)
                    append(index..<end)
                    index = end
                } else {
                    append(index..<index + 1)
                    index += 1
                }
            case ";":
                finish()
                index += 1
            default:
                append(index..<index + 1)
                index += 1
            }
        }
        finish()
        return statements
    }

    /// The index after the quote closing a quoted text opened before `start` (a doubled quote
    /// stays inside); the end when it is not closed.
    private static func closing(_ quote: Unicode.Scalar, in characters: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < characters.count {
            if characters[index] == quote {
                if index + 1 < characters.count && characters[index + 1] == quote {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        return characters.count
    }

    /// The index after a block comment's `*/` (block comments nest in PostgreSQL).
    private static func blockCommentEnd(in characters: [Unicode.Scalar], from start: Int) -> Int {
        var depth = 1
        var index = start
        while index < characters.count {
            if characters[index] == "*" && index + 1 < characters.count && characters[index + 1] == "/" {
                depth -= 1
                index += 2
                if depth == 0 { return index }
            } else if characters[index] == "/" && index + 1 < characters.count && characters[index + 1] == "*" {
                depth += 1
                index += 2
            } else {
                index += 1
            }
        }
        return characters.count
    }

    /// The index of the `$` closing a dollar-quote tag that opens at `start` (`$$`, `$body$`).
    private static func dollarTagEnd(in characters: [Unicode.Scalar], from start: Int) -> Int? {
        if start > 0, characters[start - 1].properties.isAlphabetic || characters[start - 1] == "_"
            || ("0"..."9").contains(characters[start - 1])
        {
            return nil
        }
        var index = start + 1
        while index < characters.count {
            let character = characters[index]
            if character == "$" { return index }
            guard character.properties.isAlphabetic || character == "_" || (index > start + 1 && ("0"..."9").contains(character))
            else { return nil }
            index += 1
        }
        return nil
    }

    /// The index after the tag closing a dollar-quoted body that starts at `start`.
    private static func dollarBodyEnd(_ tag: [Unicode.Scalar], in characters: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index + tag.count <= characters.count {
            if Array(characters[index..<index + tag.count]) == tag { return index + tag.count }
            index += 1
        }
        return characters.count
    }

    /// Whether `statement` holds nothing but comments and whitespace.
    private static func isOnlyComments(_ statement: String) -> Bool {
        var rest = Substring(statement)
        while true {
            rest = rest.drop { $0.isWhitespace }
            if rest.isEmpty { return true }
            if rest.hasPrefix("--") {
                rest = rest.drop { $0 != "\n" }
            } else if rest.hasPrefix("/*"), let end = rest.range(of: "*/") {
                rest = rest[end.upperBound...]
            } else {
                return false
            }
        }
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
