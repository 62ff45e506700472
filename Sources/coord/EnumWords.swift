import CoordinationAPI
import Foundation
import SwiftProtobuf

/// The API's enum values as `--json` prints them: lowercase words, as the flags take them
/// (`MEETING_STATUS_IN_SESSION` → `in-session`), read once from the API's descriptors: each
/// value loses its enum's common prefix.
enum EnumWords {
    /// Proto value name → word.
    static let words: [String: String] = {
        guard let set = try? Google_Protobuf_FileDescriptorSet(serializedBytes: APIDescriptors.fileDescriptorSet) else { return [:] }
        var words: [String: String] = [:]
        func add(_ enums: [Google_Protobuf_EnumDescriptorProto]) {
            for type in enums {
                let names = type.value.map(\.name)
                let prefix = commonPrefix(names)
                for name in names {
                    words[name] = name.dropFirst(prefix.count).lowercased().replacingOccurrences(of: "_", with: "-")
                }
            }
        }
        func walk(_ messages: [Google_Protobuf_DescriptorProto]) {
            for message in messages {
                add(message.enumType)
                walk(message.nestedType)
            }
        }
        for file in set.file {
            add(file.enumType)
            walk(file.messageType)
        }
        return words
    }()

    /// The longest prefix, ending at an underscore, that every name shares (all but the last word).
    private static func commonPrefix(_ names: [String]) -> String {
        guard var prefix = names.first else { return "" }
        for name in names.dropFirst() {
            while !name.hasPrefix(prefix) { prefix.removeLast() }
        }
        // Keep whole words: cut back to the last underscore, and never swallow a whole name.
        if let underscore = prefix.lastIndex(of: "_") { prefix = String(prefix[...underscore]) } else { prefix = "" }
        if names.contains(where: { $0.count <= prefix.count }) { return "" }
        return prefix
    }

    /// `value` with every enum name among its strings turned into its word.
    static func rewrite(_ value: Any) -> Any {
        switch value {
        case let text as String: return words[text] ?? text
        case let array as [Any]: return array.map(rewrite)
        case let object as [String: Any]: return object.mapValues(rewrite)
        default: return value
        }
    }
}
