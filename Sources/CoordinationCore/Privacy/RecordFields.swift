import Foundation

/// A record's fields as JSON (proto field names as keys), and the one filter that keeps
/// only what a decision grants.
public enum RecordFields {
    /// The JSON object `json` with only the keys in `keeping`, and the keys it holds, sorted;
    /// keys not kept are absent.
    public static func filter(json: String, keeping: Set<String>) throws(CoordinationError) -> (json: String, fields: [String]) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw CoordinationError(code: .internalError, message: "a stored record is not a JSON object")
        }
        let kept = object.filter { keeping.contains($0.key) }
        guard let data = try? JSONSerialization.data(withJSONObject: kept, options: [.sortedKeys]) else {
            throw CoordinationError(code: .internalError, message: "a record view could not be encoded")
        }
        return (String(decoding: data, as: UTF8.self), kept.keys.sorted())
    }

    /// The JSON object `json` as a dictionary (empty if it is not one), to read several fields
    /// from one parse.
    public static func object(_ json: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] ?? [:]
    }

    /// The string value of `field` in `object`, if present.
    public static func string(_ field: String, in object: [String: Any]) -> String? {
        object[field] as? String
    }

    /// The integer value of `field` in `object`, if present (proto3 JSON omits zero).
    public static func integer(_ field: String, in object: [String: Any]) -> Int? {
        (object[field] as? NSNumber)?.intValue
    }
}
