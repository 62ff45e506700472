import CoordinationAPI
import Foundation
import SwiftProtobuf

/// What the API's protobuf descriptors say about requests: each message's fields with the
/// limits `coordination/validation/v1/limits.proto` gives them, each enum's values, and the
/// shape of each RPC. Read once from ``APIDescriptors`` at start-up, so a field or an RPC added
/// to `proto/` is checked without any code naming it.
struct RequestSchema: Sendable {
    /// One field of a message.
    struct Field: Sendable {
        /// What kind of value the field holds.
        enum Kind: Sendable, Equatable {
            case string, bytes, bool, integer, floatingPoint
            /// An enum, by its fully-qualified name.
            case enumeration(String)
            /// A message, by its fully-qualified name.
            case message(String)
            /// A map; its values are of the given kind.
            indirect case map(value: Kind)
        }

        /// The proto field name, as violations name it.
        let name: String
        let kind: Kind
        let isRepeated: Bool
        let limits: FieldLimits
    }

    /// The shape of one RPC.
    struct Method: Sendable {
        /// The fully-qualified name of the request message.
        let input: String
        let clientStreaming: Bool
        let serverStreaming: Bool
    }

    /// Fields by message name (fully qualified, no leading dot) and field number.
    private(set) var messages: [String: [Int: Field]] = [:]
    /// The numbers each enum defines, by enum name.
    private(set) var enums: [String: Set<Int>] = [:]
    /// RPCs by full method name, `package.Service/Method`.
    private(set) var methods: [String: Method] = [:]

    /// The schema of every file under `proto/`.
    static let api: RequestSchema = {
        do {
            return try RequestSchema(fileDescriptorSet: APIDescriptors.fileDescriptorSet)
        } catch {
            fatalError("the generated API descriptors do not decode (\(error)); run ops/gen-proto")
        }
    }()

    /// Reads a serialized `google.protobuf.FileDescriptorSet`.
    init(fileDescriptorSet: Data) throws {
        let set = try Google_Protobuf_FileDescriptorSet(
            serializedBytes: fileDescriptorSet, extensions: Validation_Limits_Extensions)
        var mapEntries: [String: Google_Protobuf_DescriptorProto] = [:]
        var all: [(String, Google_Protobuf_DescriptorProto)] = []
        for file in set.file {
            let prefix = file.package.isEmpty ? "" : file.package + "."
            collect(file.messageType, prefix: prefix, into: &all, enums: file.enumType)
            for service in file.service {
                for method in service.method {
                    methods["\(prefix)\(service.name)/\(method.name)"] = Method(
                        input: Self.unqualified(method.inputType), clientStreaming: method.clientStreaming,
                        serverStreaming: method.serverStreaming)
                }
            }
        }
        for (name, message) in all where message.options.mapEntry { mapEntries[name] = message }
        for (name, message) in all {
            var fields: [Int: Field] = [:]
            for field in message.field {
                fields[Int(field.number)] = Self.field(field, mapEntries: mapEntries)
            }
            messages[name] = fields
        }
    }

    private mutating func collect(
        _ messages: [Google_Protobuf_DescriptorProto], prefix: String,
        into all: inout [(String, Google_Protobuf_DescriptorProto)], enums: [Google_Protobuf_EnumDescriptorProto]
    ) {
        for enumeration in enums {
            self.enums[prefix + enumeration.name] = Set(enumeration.value.map { Int($0.number) })
        }
        for message in messages {
            let name = prefix + message.name
            all.append((name, message))
            collect(message.nestedType, prefix: name + ".", into: &all, enums: message.enumType)
        }
    }

    private static func field(
        _ field: Google_Protobuf_FieldDescriptorProto, mapEntries: [String: Google_Protobuf_DescriptorProto]
    ) -> Field {
        let limits = FieldLimits(field.options.hasValidation_limits ? field.options.Validation_limits : nil)
        var kind = Self.kind(of: field)
        var isRepeated = field.label == .repeated
        if case .message(let entryName) = kind, let entry = mapEntries[entryName],
           let value = entry.field.first(where: { $0.number == 2 })
        {
            kind = .map(value: Self.kind(of: value))
            isRepeated = false
        }
        return Field(name: field.name, kind: kind, isRepeated: isRepeated, limits: limits)
    }

    private static func kind(of field: Google_Protobuf_FieldDescriptorProto) -> Field.Kind {
        switch field.type {
        case .string: return .string
        case .bytes: return .bytes
        case .bool: return .bool
        case .double, .float: return .floatingPoint
        case .enum: return .enumeration(unqualified(field.typeName))
        case .message, .group: return .message(unqualified(field.typeName))
        default: return .integer
        }
    }

    private static func unqualified(_ name: String) -> String {
        name.hasPrefix(".") ? String(name.dropFirst()) : name
    }
}
