import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import Foundation
import GRPCCore
import GRPCProtobuf
import PluginAPI
import PluginPackages
import SwiftProtobuf

/// `coordination.sharing.v1.SharingService`: publishing and reading shared records.
///
/// Decoding and validation happen here; what a reader sees is decided by ``Disclosure``
/// inside ``RecordStore``, never by this handler. Subscriptions write events encoded once
/// (``EncodedRecordEvent``), however many streams they go to.
struct SharingService: RegistrableRPCService {
    let store: RecordStore
    /// The plugins active on the deployment.
    let plugins: ActivePlugins
    private var registry: PluginRegistry { plugins.current }
    let pseudonymizer: Pseudonymizer
    let wakeups: DatabaseWakeups
    /// Hands live subscriptions what commits (it must be running: it is a `Service`).
    let hub: RecordDeliveryHub
    /// When the actions of routing rules are taken, and the deadlines of their alerts and referrals.
    var clock: any CoordinationClock = SystemClock()
    var alertDeadlines = AlertDeadlines()
    var referralDeadlines = ReferralDeadlines()

    func publish(
        request: ServerRequest<Sharing_PublishRequest>, context: ServerContext
    ) async throws -> ServerResponse<Sharing_PublishResponse> {
        let caller = try context.caller(requiring: .recordsPublish)
        let record = try decode(request.message, caller: caller, field: "")
        let outcome = try await store.publish([record], by: caller)[0]
        return ServerResponse(message: Self.proto(outcome, record))
    }

    func publishBatch(
        request: StreamingServerRequest<Sharing_PublishRequest>, context: ServerContext
    ) async throws -> ServerResponse<Sharing_PublishBatchResponse> {
        let caller = try context.caller(requiring: .recordsPublish)
        var records: [NewRecord] = []
        var violations: [CoordinationError.Violation] = []
        for try await message in request.messages {
            do {
                records.append(try decode(message, caller: caller, field: "records[\(records.count + violations.count)]."))
            } catch {
                guard error.code == .invalidArgument else { throw error }
                violations += error.violations
            }
            guard records.count + violations.count <= 10_000 else {
                throw CoordinationError.invalidArgument(field: "records", "a batch holds at most 10000 records")
            }
        }
        guard violations.isEmpty else { throw CoordinationError.invalidArguments(violations) }
        guard !records.isEmpty else { throw CoordinationError.invalidArgument(field: "records", "the batch is empty") }
        guard Set(records.map(\.requestID)).count == records.count else {
            throw CoordinationError.invalidArgument(field: "records", "request ids repeat within the batch")
        }
        let outcomes = try await store.publish(records, by: caller)
        return ServerResponse(message: .with { $0.results = zip(outcomes, records).map(Self.proto) })
    }

    func query(
        request: ServerRequest<Sharing_QueryRequest>, context: ServerContext
    ) async throws -> ServerResponse<Sharing_QueryResponse> {
        let caller = try context.caller(requiring: .recordsRead)
        let message = request.message
        let readContext = try ReadContext(message.context, caller: caller)
        var query = RecordQuery()
        query.recordType = message.recordType.isEmpty ? nil : message.recordType
        query.publisher = message.publisherDepartment.isEmpty ? nil : message.publisherDepartment
        query.publishedAfter = message.hasPublishedAfter ? message.publishedAfter.date : nil
        query.publishedBefore = message.hasPublishedBefore ? message.publishedBefore.date : nil
        if !message.subjectNationalID.isEmpty {
            query.subjectPseudonym = try pseudonymizer.pseudonym(nationalID: message.subjectNationalID, field: "subject_national_id")
        }
        query.limit = try PageSize.limit(message.pageSize)
        query.afterSequence = try StreamCursor.records.decode(message.cursor)
        let page = try await store.query(query, context: readContext)
        return ServerResponse(message: try .with {
            $0.records = try page.records.map { try $0.proto() }
            if page.hasMore, let last = page.lastSequence { $0.nextCursor = StreamCursor.records.encode(last) }
        })
    }

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        typealias Method = Sharing_SharingService.Method
        router.registerHandler(
            forMethod: Method.Publish.descriptor, deserializer: ProtobufDeserializer<Sharing_PublishRequest>(),
            serializer: ProtobufSerializer<Sharing_PublishResponse>()
        ) { request, context in
            StreamingServerResponse(single: try await publish(request: ServerRequest(stream: request), context: context))
        }
        router.registerHandler(
            forMethod: Method.PublishBatch.descriptor, deserializer: ProtobufDeserializer<Sharing_PublishRequest>(),
            serializer: ProtobufSerializer<Sharing_PublishBatchResponse>()
        ) { request, context in
            StreamingServerResponse(single: try await publishBatch(request: request, context: context))
        }
        router.registerHandler(
            forMethod: Method.Query.descriptor, deserializer: ProtobufDeserializer<Sharing_QueryRequest>(),
            serializer: ProtobufSerializer<Sharing_QueryResponse>()
        ) { request, context in
            StreamingServerResponse(single: try await query(request: ServerRequest(stream: request), context: context))
        }
        router.registerHandler(
            forMethod: Method.Subscribe.descriptor, deserializer: ProtobufDeserializer<Sharing_SubscribeRequest>(),
            serializer: EncodedRecordEvent.Serializer()
        ) { request, context in
            try await subscribe(request: ServerRequest(stream: request), context: context)
        }
    }

    func subscribe(
        request: ServerRequest<Sharing_SubscribeRequest>, context: ServerContext
    ) async throws -> StreamingServerResponse<EncodedRecordEvent> {
        let caller = try context.caller(requiring: .recordsRead)
        let readContext = try ReadContext(request.message.context, caller: caller)
        try Disclosure.validate(readContext)
        let start = RecordQuery(
            recordType: request.message.recordType.isEmpty ? nil : request.message.recordType,
            afterSequence: try StreamCursor.records.decode(request.message.cursor), limit: 200)
        let (store, wakeups, hub) = (self.store, self.wakeups, self.hub)
        return StreamingServerResponse { writer in
            var query = start
            while true {
                // Catch up alone, in pages, to what has committed; nothing new: no transaction.
                var hasMore = await wakeups.mayHaveNews(after: query.afterSequence)
                while hasMore {
                    let page = try await store.query(query, context: readContext, auditEmptyReads: false)
                    try await writer.write(contentsOf: page.records.map(EncodedRecordEvent.init))
                    if let last = page.lastSequence { query.afterSequence = last }
                    hasMore = page.hasMore
                }
                // Then live, with every subscription that sees what this one sees.
                guard let deliveries = await hub.join(readContext, recordType: query.recordType, at: query.afterSequence)
                else { return [:] }
                for try await delivery in deliveries {
                    // One write for the wave's events: one hop to the connection, one flush.
                    let fresh = delivery.events.filter { $0.sequence > query.afterSequence }
                    try await writer.write(contentsOf: fresh.map(\.event))
                    query.afterSequence = max(fresh.last?.sequence ?? query.afterSequence, delivery.through)
                }
                // Let go for falling behind, or the server is shutting down.
                try Task.checkCancellation()
                if await hub.isShutDown { return [:] }
            }
        }
    }

    /// Unpacks, validates and pseudonymises one record. `field` prefixes violation paths.
    private func decode(
        _ request: Sharing_PublishRequest, caller: Caller, field prefix: String
    ) throws(CoordinationError) -> NewRecord {
        var violations: [CoordinationError.Violation] = []
        if request.requestID.isEmpty || request.requestID.count > 128 {
            violations.append(.init(field: prefix + "request_id", description: "is required, at most 128 characters"))
        }
        if !DirectoryRules.isValidJurisdictionCode(request.jurisdictionCode) {
            violations.append(.init(field: prefix + "jurisdiction_code", description: "must name a jurisdiction"))
        }
        guard request.hasRecord else {
            throw .invalidArguments(violations + [.init(field: prefix + "record", description: "is required")])
        }
        let typeName = String(request.record.typeURL.split(separator: "/").last ?? "")
        guard let (declaration, owner) = registry.recordType(named: typeName) else {
            if let (_, owner) = plugins.available.recordType(named: typeName) {
                throw CoordinationError(
                    code: .failedPrecondition,
                    message: "plugin '\(owner.id)', which declares '\(typeName)', is not installed; an administrator installs it with 'coord plugin install \(owner.id)'")
            }
            throw .invalidArguments(violations + [.init(
                field: prefix + "record.type_url", description: "no installed plugin declares the record type '\(typeName)'")])
        }
        guard owner.departmentCode == caller.departmentCode else {
            throw CoordinationError(
                code: .permissionDenied,
                message: "'\(typeName)' records belong to \(owner.departmentCode); \(caller.departmentCode) cannot publish them")
        }
        let reading: RecordReading
        do {
            reading = try declaration.read(request.record.value)
        } catch {
            throw .invalidArguments(violations + [.init(field: prefix + "record", description: "is not a valid \(typeName): \(Self.reason(error))")])
        }
        violations += reading.violations.map { .init(field: prefix + "record.\($0.field)", description: Localized(verbatim: $0.description)) }
        let json = reading.json
        // The message's fields, read once for the subject and the risk level.
        let fields = RecordFields.object(json)
        var pseudonym: String?
        if let subjectField = declaration.subjectField, let nationalID = RecordFields.string(subjectField, in: fields),
           !nationalID.isEmpty
        {
            do {
                pseudonym = try pseudonymizer.pseudonym(nationalID: nationalID, field: prefix + "record." + subjectField)
            } catch {
                violations += error.violations
            }
        }
        guard violations.isEmpty else { throw .invalidArguments(violations) }
        let riskLevel = declaration.riskLevelField.map { RecordFields.integer($0, in: fields) ?? 0 }
        // The routing rule's alerts, referrals and tasks travel with the record and are stored in its transaction.
        let routed = RoutingRules.resolve(
            reading.actions, of: declaration, publisher: caller.departmentCode, riskLevel: riskLevel,
            subjectPseudonym: pseudonym, referralDefaults: owner.referralDefaults, at: clock.now(),
            alertDeadlines: alertDeadlines, referralDeadlines: referralDeadlines)
        return NewRecord(
            requestID: request.requestID, recordType: typeName, jurisdictionCode: request.jurisdictionCode,
            subjectPseudonym: pseudonym, riskLevel: riskLevel, fieldsJSON: json, routed: routed)
    }

    /// Why a record's bytes could not be read, in words (a decoding error's own description).
    private static func reason(_ error: any Error) -> String {
        error is DescriptorError ? "\(error)" : "the bytes are not its protobuf encoding (\(error))"
    }

    private static func proto(_ outcome: PublishOutcome, _ record: NewRecord) -> Sharing_PublishResponse {
        .with {
            $0.recordID = outcome.recordID
            $0.sequence = outcome.sequence
            $0.duplicate = outcome.duplicate
            $0.subjectPseudonym = record.subjectPseudonym ?? ""
            $0.opened = outcome.opened.map { opened in
                .with {
                    $0.kind = switch opened.kind {
                    case .alert: .alert
                    case .referral: .referral
                    case .task: .task
                    }
                    $0.id = opened.id
                    $0.departments = opened.departments
                }
            }
        }
    }
}
