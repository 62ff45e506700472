import Foundation
import SwiftProtobuf

/// A field of a record type and how sensitive it is.
public struct FieldDeclaration: Sendable, Hashable {
    /// The protobuf field name, e.g. `"risk_level"`.
    public var name: String
    public var sensitivity: Sensitivity
    /// Never disclosed outside the publishing department, whatever a view grants.
    public var publisherOnly: Bool

    public init(_ name: String, _ sensitivity: Sensitivity, publisherOnly: Bool = false) {
        self.name = name
        self.sensitivity = sensitivity
        self.publisherOnly = publisherOnly
    }
}

/// A view a record type grants to other departments: which sensitivities they see, for which
/// purposes and on which legal bases. Anything not granted is denied.
public struct ViewGrant: Sendable, Hashable {
    /// Department codes that may use this view; `["*"]` for every department.
    public var viewers: [String]
    public var purposes: Set<Purpose>
    public var legalBases: Set<LegalBasis>
    /// The sensitivities of the fields the view discloses.
    public var sensitivities: Set<Sensitivity>
    /// Only records whose risk level is at least this are shown through the view (`nil`: every
    /// record); a record without a risk level counts as 0.
    public var minimumRiskLevel: Int?

    public init(
        viewers: [String], purposes: Set<Purpose>, legalBases: Set<LegalBasis>, sensitivities: Set<Sensitivity>,
        minimumRiskLevel: Int? = nil
    ) {
        self.viewers = viewers
        self.purposes = purposes
        self.legalBases = legalBases
        self.sensitivities = sensitivities
        self.minimumRiskLevel = minimumRiskLevel
    }

    /// Whether the view shows a record of risk level `riskLevel` (`nil`: none).
    public func shows(riskLevel: Int?) -> Bool {
        guard let minimumRiskLevel else { return true }
        return (riskLevel ?? 0) >= minimumRiskLevel
    }

    /// Whether `department` is among the viewers.
    public func admits(_ department: String) -> Bool {
        viewers.contains("*") || viewers.contains(department)
    }
}

/// A problem with one field of a record a department publishes.
public struct FieldViolation: Sendable, Hashable, Error {
    /// The protobuf field name, e.g. `"risk_level"`.
    public var field: String
    public var description: String

    public init(field: String, description: String) {
        self.field = field
        self.description = description
    }
}

/// A record read from its binary encoding: its fields, what its type's rules find wrong with
/// it, and what its routing rule opens.
public struct RecordReading: Sendable {
    /// The record's fields as proto3 JSON with proto field names, keys in field-number order.
    public var json: String
    public var violations: [FieldViolation]
    public var actions: [RoutedAction]

    public init(json: String, violations: [FieldViolation], actions: [RoutedAction]) {
        self.json = json
        self.violations = violations
        self.actions = actions
    }
}

/// A record type a plugin contributes: a protobuf message, its fields' sensitivities, the
/// views it grants, its validation rule and its routing rule.
///
/// A compiled-in plugin names the generated Swift type of a message under `proto/`; a plugin
/// package describes the message by descriptors and reads records through its own `read`.
public struct RecordTypeDeclaration: Sendable {
    /// Fully-qualified protobuf message name, e.g. `"coordination.education.v1.StudentScreeningReport"`.
    public let messageName: String
    /// The generated Swift type of the message; `nil` for a type a package describes.
    public let messageType: (any SwiftProtobuf.Message.Type)?
    /// What a record of this type holds.
    public var description: String
    /// Every field of the message, each with its sensitivity.
    public var fields: [FieldDeclaration]
    /// Views for departments other than the publisher.
    public var views: [ViewGrant]
    /// The field holding the subject's national ID number, if records name a person. The
    /// server derives the keyed pseudonym that matches the person across departments from it.
    public var subjectField: String?
    /// The integer field holding the record's risk level, if it has one; analysis counts by it.
    public var riskLevelField: String?
    /// Checks a record before it is stored; returns every violation found.
    public var validate: @Sendable (any SwiftProtobuf.Message) -> [FieldViolation]
    /// The routing rule: what a valid, newly published record fires — crisis alerts, service
    /// referrals, tasks (nothing by default). The server carries the actions out in the
    /// publishing transaction (see ``RoutedAction``).
    public var routing: @Sendable (any SwiftProtobuf.Message) -> [RoutedAction]
    /// Reads a record of this type from its binary encoding; throws, with a reason a person can
    /// act on, when the bytes are not a valid message of the type.
    public let read: @Sendable (Data) throws -> RecordReading

    public init(
        messageType: any SwiftProtobuf.Message.Type,
        description: String,
        fields: [FieldDeclaration],
        views: [ViewGrant],
        subjectField: String? = nil,
        riskLevelField: String? = nil,
        validate: @escaping @Sendable (any SwiftProtobuf.Message) -> [FieldViolation] = { _ in [] },
        routing: @escaping @Sendable (any SwiftProtobuf.Message) -> [RoutedAction] = { _ in [] }
    ) {
        self.messageName = messageType.protoMessageName
        self.messageType = messageType
        self.description = description
        self.fields = fields
        self.views = views
        self.subjectField = subjectField
        self.riskLevelField = riskLevelField
        self.validate = validate
        self.routing = routing
        self.read = { bytes in
            let message = try messageType.init(serializedBytes: bytes)
            var options = JSONEncodingOptions()
            options.preserveProtoFieldNames = true
            options.useDeterministicOrdering = true
            return RecordReading(json: try message.jsonString(options: options), violations: validate(message), actions: routing(message))
        }
    }

    /// A type described by a package's descriptors rather than compiled in: `read` decodes,
    /// validates and routes its records.
    public init(
        messageName: String,
        description: String,
        fields: [FieldDeclaration],
        views: [ViewGrant],
        subjectField: String? = nil,
        riskLevelField: String? = nil,
        read: @escaping @Sendable (Data) throws -> RecordReading
    ) {
        self.messageName = messageName
        self.messageType = nil
        self.description = description
        self.fields = fields
        self.views = views
        self.subjectField = subjectField
        self.riskLevelField = riskLevelField
        self.validate = { _ in [] }
        self.routing = { _ in [] }
        self.read = read
    }

    /// The sensitivity of `field`; `nil` if the type does not declare it.
    public func sensitivity(of field: String) -> Sensitivity? {
        fields.first { $0.name == field }?.sensitivity
    }
}
