import Foundation
import SwiftProtobuf

/// The message types of one descriptor set, indexed once: every field's type is resolved when
/// the pool is built, so a set that names a type it does not contain is rejected here.
public struct DescriptorPool: Sendable {
    /// Every message type declared (fully-qualified, no leading dot), in file order; map entry
    /// types, which protoc synthesises for map fields, are left out.
    public let messageNames: [String]
    private let layouts: [String: MessageLayout]

    /// Indexes a serialized `google.protobuf.FileDescriptorSet`, as `protoc --descriptor_set_out`
    /// writes it (with `--include_imports` when the types use imported ones, such as
    /// `google.protobuf.Timestamp`).
    public init(serializedDescriptorSet: Data) throws(DescriptorError) {
        let set: Google_Protobuf_FileDescriptorSet
        do {
            set = try Google_Protobuf_FileDescriptorSet(serializedBytes: serializedDescriptorSet)
        } catch {
            throw DescriptorError("not a serialized google.protobuf.FileDescriptorSet: \(error)")
        }
        try self.init(set)
    }

    /// Indexes `set`.
    public init(_ set: Google_Protobuf_FileDescriptorSet) throws(DescriptorError) {
        var declared: [Declaration] = []
        var enums: [String: EnumLayout] = [:]
        for file in set.file {
            let prefix = file.package.isEmpty ? "" : file.package + "."
            let isProto3 = file.syntax == "proto3"
            for enumType in file.enumType {
                try Self.add(enumType, prefix: prefix, to: &enums)
            }
            for message in file.messageType {
                try Self.collect(message, prefix: prefix, isProto3: isProto3, into: &declared, enums: &enums)
            }
        }
        var descriptors: [String: Google_Protobuf_DescriptorProto] = [:]
        for declaration in declared {
            guard descriptors.updateValue(declaration.descriptor, forKey: declaration.name) == nil,
                enums[declaration.name] == nil
            else {
                throw DescriptorError("type \(declaration.name) is declared more than once")
            }
        }
        var layouts: [String: MessageLayout] = [:]
        for declaration in declared {
            let fields = try declaration.descriptor.field.map { (field) throws(DescriptorError) in
                try Self.field(
                    field, of: declaration.name, isProto3: declaration.isProto3,
                    descriptors: descriptors, enums: enums)
            }
            layouts[declaration.name] = MessageLayout(name: declaration.name, fields: fields)
        }
        self.layouts = layouts
        self.messageNames = declared.filter { !$0.descriptor.options.mapEntry }.map(\.name)
    }

    /// The message type named `name` (fully-qualified; a leading dot is allowed).
    ///
    /// Throws when the pool has no such type, or when the type uses, directly or through its
    /// fields, a well-known type whose JSON form is not supported (`google.protobuf.Any`,
    /// `Struct`, `Value`, `ListValue`, `FieldMask`).
    public func messageType(named name: String) throws(DescriptorError) -> DescribedMessageType {
        let name = name.hasPrefix(".") ? String(name.dropFirst()) : name
        guard let layout = layouts[name] else {
            throw DescriptorError("the descriptor set declares no message type \(name)")
        }
        if MessageLayout.unsupportedTypes.contains(name) {
            throw DescriptorError("\(name) is not supported")
        }
        try checkSupported(layout, visited: [])
        return DescribedMessageType(layout: layout, layouts: layouts)
    }

    /// Throws if `layout` reaches an unsupported well-known type through its fields.
    private func checkSupported(_ layout: MessageLayout, visited: Set<String>) throws(DescriptorError) {
        var visited = visited
        visited.insert(layout.name)
        for field in layout.fields {
            let valueType: MessageLayout.FieldType
            if case .map(_, let value) = field.cardinality { valueType = value.type } else { valueType = field.type }
            guard case .message(let name) = valueType, !visited.contains(name), let inner = layouts[name] else {
                continue
            }
            if MessageLayout.unsupportedTypes.contains(name) {
                throw DescriptorError("field \(field.number) (\(field.name)) of \(layout.name): \(name) is not supported")
            }
            try checkSupported(inner, visited: visited)
        }
    }
}

extension DescriptorPool {
    /// A message type found in the set, before its fields are resolved.
    private struct Declaration {
        var name: String
        var descriptor: Google_Protobuf_DescriptorProto
        var isProto3: Bool
    }

    private static func add(
        _ enumType: Google_Protobuf_EnumDescriptorProto, prefix: String, to enums: inout [String: EnumLayout]
    ) throws(DescriptorError) {
        let name = prefix + enumType.name
        let layout = EnumLayout(name: name, values: enumType.value.map { ($0.name, $0.number) })
        guard enums.updateValue(layout, forKey: name) == nil else {
            throw DescriptorError("type \(name) is declared more than once")
        }
    }

    private static func collect(
        _ message: Google_Protobuf_DescriptorProto, prefix: String, isProto3: Bool,
        into declared: inout [Declaration], enums: inout [String: EnumLayout]
    ) throws(DescriptorError) {
        let name = prefix + message.name
        declared.append(Declaration(name: name, descriptor: message, isProto3: isProto3))
        for enumType in message.enumType {
            try add(enumType, prefix: name + ".", to: &enums)
        }
        for nested in message.nestedType {
            try collect(nested, prefix: name + ".", isProto3: isProto3, into: &declared, enums: &enums)
        }
    }

    /// Resolves one field's type, cardinality and presence.
    private static func field(
        _ field: Google_Protobuf_FieldDescriptorProto, of messageName: String, isProto3: Bool,
        descriptors: [String: Google_Protobuf_DescriptorProto], enums: [String: EnumLayout]
    ) throws(DescriptorError) -> MessageLayout.Field {
        let context = "field \(field.number) (\(field.name)) of \(messageName)"
        let typeName = field.typeName.hasPrefix(".") ? String(field.typeName.dropFirst()) : field.typeName
        let type: MessageLayout.FieldType
        switch field.type {
        case .message:
            guard descriptors[typeName] != nil else {
                throw DescriptorError("\(context): its type \(field.typeName) is not in the descriptor set")
            }
            type = .message(typeName)
        case .enum:
            guard let layout = enums[typeName] else {
                throw DescriptorError("\(context): its type \(field.typeName) is not in the descriptor set")
            }
            type = .enumeration(layout)
        case .group:
            throw DescriptorError("\(context): groups are not supported")
        default:
            guard let scalar = ScalarType(field.type) else {
                throw DescriptorError("\(context): unknown field type \(field.type.rawValue)")
            }
            type = .scalar(scalar)
        }
        let isRepeated = field.label == .repeated
        var cardinality = MessageLayout.Cardinality.single
        if isRepeated {
            cardinality = .repeated
            if case .message(let entryName) = type, let entry = descriptors[entryName], entry.options.mapEntry {
                guard let key = entry.field.first(where: { $0.number == 1 }),
                    let value = entry.field.first(where: { $0.number == 2 })
                else {
                    throw DescriptorError("\(context): its map entry \(entryName) lacks a key or a value field")
                }
                cardinality = .map(
                    key: try Self.field(key, of: entryName, isProto3: isProto3, descriptors: descriptors, enums: enums),
                    value: try Self.field(value, of: entryName, isProto3: isProto3, descriptors: descriptors, enums: enums))
            }
        }
        let isMessage = if case .message = type { true } else { false }
        let isPackable =
            switch type {
            case .scalar(let scalar): scalar.isPackable
            case .enumeration: true
            case .message: false
            }
        return MessageLayout.Field(
            number: Int(field.number),
            name: field.name,
            jsonName: field.hasJsonName ? field.jsonName : lowerCamelCase(field.name),
            type: type,
            cardinality: cardinality,
            hasPresence: !isRepeated && (isMessage || field.proto3Optional || field.hasOneofIndex || !isProto3),
            oneofIndex: field.hasOneofIndex && !field.proto3Optional ? Int(field.oneofIndex) : nil,
            isPacked: isRepeated && isPackable && (field.options.hasPacked ? field.options.packed : isProto3))
    }

    /// protoc's JSON name of a field: underscores dropped, the letter after each capitalised.
    private static func lowerCamelCase(_ name: String) -> String {
        var result = ""
        var capitaliseNext = false
        for character in name {
            if character == "_" {
                capitaliseNext = true
            } else if capitaliseNext {
                result += character.uppercased()
                capitaliseNext = false
            } else {
                result.append(character)
            }
        }
        return result
    }
}
