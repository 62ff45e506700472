import BuiltInPlugins
import CoordinationAPI
import Foundation
import SwiftProtobuf

/// The API as its descriptors describe it (``APIDescriptors``): every RPC, and every message
/// and enum a request can hold. The fuzzer learns what to call from here, so an RPC added to
/// `proto/` is called without this test naming it.
struct FuzzSchema: Sendable {
    /// One RPC.
    struct Method: Sendable, Hashable {
        /// `package.Service`.
        let service: String
        let name: String
        /// The request message's fully-qualified name.
        let input: String
        let clientStreaming: Bool
        let serverStreaming: Bool

        var fullName: String { "\(service)/\(name)" }
    }

    let methods: [Method]
    /// Messages by fully-qualified name.
    let messages: [String: Google_Protobuf_DescriptorProto]
    /// Each enum's numbers, by fully-qualified name.
    let enums: [String: [Int32]]
    /// The record types of the built-in plugins (packed into `google.protobuf.Any` by
    /// publishers), by the department that publishes them.
    let recordTypesByDepartment: [String: [String]]

    static let api = try! FuzzSchema(APIDescriptors.fileDescriptorSet)

    init(_ serialized: Data) throws {
        let set = try Google_Protobuf_FileDescriptorSet(serializedBytes: serialized)
        var methods: [Method] = []
        var messages: [String: Google_Protobuf_DescriptorProto] = [:]
        var enums: [String: [Int32]] = [:]
        func collect(_ list: [Google_Protobuf_DescriptorProto], _ enumList: [Google_Protobuf_EnumDescriptorProto], prefix: String) {
            for enumeration in enumList { enums[prefix + enumeration.name] = enumeration.value.map(\.number) }
            for message in list {
                messages[prefix + message.name] = message
                collect(message.nestedType, message.enumType, prefix: prefix + message.name + ".")
            }
        }
        for file in set.file {
            let prefix = file.package.isEmpty ? "" : file.package + "."
            collect(file.messageType, file.enumType, prefix: prefix)
            for service in file.service {
                for method in service.method {
                    methods.append(Method(
                        service: prefix + service.name, name: method.name, input: String(method.inputType.dropFirst()),
                        clientStreaming: method.clientStreaming, serverStreaming: method.serverStreaming))
                }
            }
        }
        self.methods = methods.sorted { $0.fullName < $1.fullName }
        self.messages = messages
        self.enums = enums
        recordTypesByDepartment = Dictionary(
            try BuiltInPlugins.catalog().manifests.map { manifest in
                (manifest.departmentCode, manifest.recordTypes.map { $0.messageName })
            }, uniquingKeysWith: +)
    }

    /// Every record type of the built-in plugins.
    var recordTypes: [String] { recordTypesByDepartment.values.flatMap { $0 }.sorted() }
}
