import Foundation

/// A record's fields as JSON (proto field names as keys), and the one filter that keeps
/// only what a decision grants.
public enum RecordFields {
    /// The JSON object `json` with only the keys in `keeping`; keys not kept are absent.
    public static func filter(json: String, keeping: Set<String>) throws(CoordinationError) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw CoordinationError(code: .internalError, message: "a stored record is not a JSON object")
        }
        let kept = object.filter { keeping.contains($0.key) }
        guard let data = try? JSONSerialization.data(withJSONObject: kept, options: [.sortedKeys]) else {
            throw CoordinationError(code: .internalError, message: "a record view could not be encoded")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The string value of `field` in `json`, if present.
    public static func string(_ field: String, in json: String) -> String? {
        let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return object?[field] as? String
    }

    /// The integer value of `field` in `json`, if present (proto3 JSON omits zero).
    public static func integer(_ field: String, in json: String) -> Int? {
        let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return (object?[field] as? NSNumber)?.intValue
    }
}
