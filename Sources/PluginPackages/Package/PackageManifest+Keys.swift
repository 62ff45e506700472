import Foundation

extension PackageManifest {
    /// The keys each object of a manifest may have; the `rules` and `routing` of a record type
    /// are checked by their own decoding (``RecordRules``).
    private static let keys: [String: Set<String>] = [
        "": [
            "format", "id", "version", "department", "displayName", "publisher", "protos", "protoRoot", "recordTypes",
            "referralDefaults", "routingNotes", "indicators", "migrations",
        ],
        "recordTypes": ["message", "description", "fields", "views", "subjectField", "riskLevelField", "rules", "routing"],
        "fields": ["name", "sensitivity", "publisherOnly", "maxLength", "multiline"],
        "views": ["viewers", "purposes", "legalBases", "sensitivities", "minimumRiskLevel"],
        "referralDefaults": ["to", "urgency"],
        "indicators": [
            "code", "nameZh", "nameEn", "numerator", "denominator", "unit", "atMost", "level", "period", "source", "targets",
        ],
        "targets": ["threshold", "by"],
        "migrations": ["version", "name", "file", "statements"],
    ]

    /// Refuses a key the manifest format does not have, anywhere in `json` (a manifest as
    /// JSON): a misspelt key — `minimumRisklevel` for `minimumRiskLevel` — would otherwise be
    /// ignored, and a view would show more than its author meant.
    static func checkKeys(of json: Data) throws(PackageError) {
        guard let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            throw PackageError("the manifest is not a JSON object")
        }
        try checkKeys(ofObject: object)
    }

    /// Refuses a key the manifest format does not have in `object`, a manifest read as JSON.
    static func checkKeys(ofObject object: [String: Any]) throws(PackageError) {
        try checkKeys(of: object, kind: "", path: "")
    }

    private static func checkKeys(of object: [String: Any], kind: String, path: String) throws(PackageError) {
        guard let allowed = keys[kind] else { return }
        for key in object.keys.sorted() {
            let here = path.isEmpty ? key : "\(path).\(key)"
            guard allowed.contains(key) else {
                throw PackageError("\(here): unknown key (the keys here are \(allowed.sorted().joined(separator: ", ")))")
            }
            guard keys[key] != nil, let list = object[key] as? [Any] else { continue }
            for (index, element) in list.enumerated() {
                if let element = element as? [String: Any] {
                    try checkKeys(of: element, kind: key, path: "\(here)[\(index)]")
                }
            }
        }
    }
}
