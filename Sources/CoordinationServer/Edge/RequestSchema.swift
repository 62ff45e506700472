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
        /// The proto field name, as violations name it.
        let name: String
        /// For an enum field, the enum's fully-qualified name.
        let enumName: String?
        let limits: FieldLimits
    }

    /// The shape of one RPC.
    struct Method: Sendable {
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
        for file in set.file {
            let prefix = file.package.isEmpty ? "" : file.package + "."
            collect(file.messageType, enums: file.enumType, prefix: prefix)
            for service in file.service {
                for method in service.method {
                    methods["\(prefix)\(service.name)/\(method.name)"] = Method(
                        clientStreaming: method.clientStreaming, serverStreaming: method.serverStreaming)
                }
            }
        }
    }

    private mutating func collect(
        _ messages: [Google_Protobuf_DescriptorProto], enums: [Google_Protobuf_EnumDescriptorProto], prefix: String
    ) {
        for enumeration in enums {
            self.enums[prefix + enumeration.name] = Set(enumeration.value.map { Int($0.number) })
        }
        for message in messages {
            let name = prefix + message.name
            self.messages[name] = Dictionary(uniqueKeysWithValues: message.field.map { field in
                let limits = FieldLimits(field.options.hasValidation_limits ? field.options.Validation_limits : nil)
                let enumName = field.type == .enum ? String(field.typeName.drop { $0 == "." }) : nil
                return (Int(field.number), Field(name: field.name, enumName: enumName, limits: limits))
            })
            collect(message.nestedType, enums: message.enumType, prefix: name + ".")
        }
    }
}
