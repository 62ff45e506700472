/// A token of a rule expression, with the 1-based column (in characters) where it starts.
struct RuleToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case integer(Int64)
        case decimal(Double)
        case text(String)
        /// A name or a dotted field path: `risk_grade`, `guardian.phone`, `true`, `in`, `len`.
        case name(String)
        /// `( ) [ ] , ! && || == != < <= > >=`.
        case symbol(String)
        case end
    }

    var kind: Kind
    var column: Int

    /// The token as an error message quotes it.
    var quoted: String {
        switch kind {
        case .integer(let value): "'\(value)'"
        case .decimal(let value): "'\(value)'"
        case .text(let value): "'\(value)'"
        case .name(let value), .symbol(let value): "'\(value)'"
        case .end: "the end of the expression"
        }
    }

    /// The tokens of `text`, ending with ``Kind/end``.
    static func tokens(of text: String) throws(RuleError) -> [RuleToken] {
        let characters = Array(text)
        var tokens: [RuleToken] = []
        var index = 0
        func fail(_ message: String, at position: Int) -> RuleError {
            RuleError("at column \(position + 1): \(message)")
        }
        func isNameStart(_ character: Character) -> Bool {
            character == "_" || (character.isASCII && character.isLetter)
        }
        func isNamePart(_ character: Character) -> Bool {
            isNameStart(character) || (character.isASCII && character.isNumber)
        }
        func isDigit(_ position: Int) -> Bool {
            position < characters.count && characters[position].isASCII && characters[position].isNumber
        }
        while index < characters.count {
            let character = characters[index]
            let start = index
            if character.isWhitespace {
                index += 1
            } else if isNameStart(character) {
                while index < characters.count {
                    if isNamePart(characters[index]) {
                        index += 1
                    } else if characters[index] == "." {
                        guard index + 1 < characters.count, isNameStart(characters[index + 1]) else {
                            throw fail("expected a field name after '.'", at: index + 1)
                        }
                        index += 1
                    } else {
                        break
                    }
                }
                tokens.append(RuleToken(kind: .name(String(characters[start..<index])), column: start + 1))
            } else if isDigit(index) || (character == "-" && isDigit(index + 1)) {
                index += 1
                while isDigit(index) { index += 1 }
                var isDecimal = false
                if index < characters.count, characters[index] == ".", isDigit(index + 1) {
                    isDecimal = true
                    index += 1
                    while isDigit(index) { index += 1 }
                }
                if index < characters.count, characters[index] == "e" || characters[index] == "E" {
                    var exponent = index + 1
                    if exponent < characters.count, characters[exponent] == "+" || characters[exponent] == "-" { exponent += 1 }
                    if isDigit(exponent) {
                        isDecimal = true
                        index = exponent
                        while isDigit(index) { index += 1 }
                    }
                }
                if index < characters.count, isNamePart(characters[index]) || characters[index] == "." {
                    throw fail("a number cannot run into '\(characters[index])'", at: index)
                }
                let literal = String(characters[start..<index])
                if isDecimal {
                    guard let value = Double(literal), value.isFinite else { throw fail("\(literal) is not a usable number", at: start) }
                    tokens.append(RuleToken(kind: .decimal(value), column: start + 1))
                } else {
                    guard let value = Int64(literal) else { throw fail("\(literal) is too large a number", at: start) }
                    tokens.append(RuleToken(kind: .integer(value), column: start + 1))
                }
            } else if character == "'" || character == "\"" {
                index += 1
                var value = ""
                var closed = false
                while index < characters.count {
                    let next = characters[index]
                    if next == character {
                        closed = true
                        index += 1
                        break
                    }
                    if next == "\\" {
                        guard index + 1 < characters.count else { break }
                        switch characters[index + 1] {
                        case "\\": value.append("\\")
                        case "'": value.append("'")
                        case "\"": value.append("\"")
                        case "n": value.append("\n")
                        case "t": value.append("\t")
                        default: throw fail("unknown escape '\\\(characters[index + 1])' (use \\\\, \\', \\\", \\n or \\t)", at: index)
                        }
                        index += 2
                    } else {
                        value.append(next)
                        index += 1
                    }
                }
                guard closed else { throw fail("the text opened here is never closed with \(character)", at: start) }
                tokens.append(RuleToken(kind: .text(value), column: start + 1))
            } else {
                let pair = index + 1 < characters.count ? String(characters[index...index + 1]) : ""
                if ["&&", "||", "==", "!=", "<=", ">="].contains(pair) {
                    tokens.append(RuleToken(kind: .symbol(pair), column: start + 1))
                    index += 2
                } else if "()[],!<>".contains(character) {
                    tokens.append(RuleToken(kind: .symbol(String(character)), column: start + 1))
                    index += 1
                } else {
                    switch character {
                    case "&": throw fail("unexpected '&': write '&&' for and", at: start)
                    case "|": throw fail("unexpected '|': write '||' for or", at: start)
                    case "=": throw fail("unexpected '=': write '==' to compare", at: start)
                    default: throw fail("unexpected character '\(character)'", at: start)
                    }
                }
            }
        }
        tokens.append(RuleToken(kind: .end, column: characters.count + 1))
        return tokens
    }
}
