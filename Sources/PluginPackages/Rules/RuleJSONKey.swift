/// A key of a rule's JSON object, by name, so that decoding can refuse keys it does not know:
/// a misspelt `"wehn"` must not quietly make a rule unconditional.
struct RuleJSONKey: CodingKey, Sendable, Hashable {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) {
        stringValue = name
    }

    init?(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        nil
    }
}

extension RuleError {
    /// The error decoding a rule threw, as a rule error; `key` is the key whose value was
    /// being decoded, so that an element of its list is named ("element 2: must be text").
    init(decoding error: any Error, at key: String? = nil) {
        switch error {
        case let error as RuleError:
            self = error
        case DecodingError.typeMismatch(let type, let context):
            self.init(Self.element(of: context, under: key) + "must be \(Self.phrase(for: type))")
        case DecodingError.valueNotFound(let type, let context):
            self.init(Self.element(of: context, under: key) + "must be \(Self.phrase(for: type)), not null")
        case DecodingError.keyNotFound(let missing, _):
            self.init("needs \"\(missing.stringValue)\"")
        case DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty:
            // The text is not JSON at all.
            self.init("not valid JSON: " + (context.underlyingError.map { "\($0)" } ?? context.debugDescription))
        case DecodingError.dataCorrupted(let context):
            self.init(Self.element(of: context, under: key) + context.debugDescription)
        default:
            self.init(String(describing: error))
        }
    }

    /// "element 2: " when the error is about an element of the list at `key`.
    private static func element(of context: DecodingError.Context, under key: String?) -> String {
        let path = context.codingPath
        guard let key, path.count >= 2, path[path.count - 2].stringValue == key, let index = path.last?.intValue else { return "" }
        return "element \(index + 1): "
    }

    private static func phrase(for type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type: "a whole number"
        case is Bool.Type: "true or false"
        default:
            String(describing: type).hasPrefix("Array") ? "a list"
                : String(describing: type).hasPrefix("Dictionary") ? "an object" : String(describing: type)
        }
    }
}

extension KeyedDecodingContainer where Key == RuleJSONKey {
    /// Refuses any key but `known`.
    func requireOnly(_ known: [String]) throws(RuleError) {
        for key in allKeys where !known.contains(key.stringValue) {
            throw RuleError("unknown key \"\(key.stringValue)\" (the keys are \(known.joined(separator: ", ")))")
        }
    }

    /// Whether the object has `key`.
    func has(_ key: String) -> Bool {
        contains(RuleJSONKey(key))
    }

    /// The value at `key`; an error names the key.
    func value<Value: Decodable>(_ key: String, as type: Value.Type = Value.self) throws(RuleError) -> Value {
        guard has(key) else { throw RuleError("needs \"\(key)\"") }
        do {
            return try decode(Value.self, forKey: RuleJSONKey(key))
        } catch {
            throw RuleError(decoding: error, at: key).within(key)
        }
    }

    /// The value at `key`, if there is one; an error names the key.
    func optionalValue<Value: Decodable>(_ key: String, as type: Value.Type = Value.self) throws(RuleError) -> Value? {
        has(key) ? try value(key, as: Value.self) : nil
    }

    /// One of a choice's cases at `key`, by its raw name; an unknown name lists the known ones.
    func choice<Choice: RawRepresentable & CaseIterable>(
        _ key: String, as type: Choice.Type = Choice.self
    ) throws(RuleError) -> Choice where Choice.RawValue == String {
        let name = try value(key, as: String.self)
        guard let choice = Choice(rawValue: name) else {
            let known = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw RuleError("unknown \(key) '\(name)' (one of \(known))")
        }
        return choice
    }
}
