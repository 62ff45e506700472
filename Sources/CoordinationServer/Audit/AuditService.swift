import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import GRPCCore
import Foundation
import SwiftProtobuf

/// `coordination.audit.v1.AuditService`: a person's audit history and the emergency review queue.
struct AuditService: Audit_AuditService.SimpleServiceProtocol {
    let database: Database
    let reviews: EmergencyReviewStore
    let pseudonymizer: Pseudonymizer
    let plugins: ActivePlugins

    func subjectHistory(
        request: Audit_SubjectHistoryRequest, context: ServerContext
    ) async throws -> Audit_SubjectHistoryResponse {
        let caller = try context.caller(requiring: .auditRead)
        let readContext = try ReadContext(request.context, caller: caller)
        try Disclosure.validate(readContext, permission: .auditRead)
        let pseudonym = try pseudonymizer.pseudonym(nationalID: request.nationalID, field: "national_id")
        let limit = try PageSize.limit(request.pageSize)
        let after = try StreamCursor.auditHistory.decode(request.cursor)
        let (events, scope, next) = try await AuditLog.history(
            of: pseudonym, context: readContext, after: after, limit: limit, in: database)
        let registry = plugins.current
        let entries = Disclosure.subjectHistory(events, to: Reader(caller), scope: scope) { name in
            guard let (type, owner) = registry.recordType(named: name) else { return false }
            return Disclosure.mayKnowOf(type, owner: owner.departmentCode, department: caller.departmentCode, context: readContext)
        }
        return .with {
            $0.entries = entries.map { entry in
                .with {
                    $0.sequence = entry.sequence
                    $0.at = entry.at
                    $0.callerName = entry.callerName ?? ""
                    $0.callerDepartment = entry.department
                    $0.callerRole = entry.callerRole ?? ""
                    $0.action = entry.action
                    $0.recordIds = entry.recordIDs
                    $0.fieldsDisclosed = entry.fieldsDisclosed
                    $0.purpose = entry.purpose ?? ""
                    $0.legalBasis = entry.legalBasis ?? ""
                    $0.detail = entry.detail ?? ""
                    $0.recordTypes = entry.recordTypes
                }
            }
            if let next { $0.nextCursor = StreamCursor.auditHistory.encode(next) }
        }
    }

    func listEmergencyAccesses(
        request: Audit_ListEmergencyAccessesRequest, context: ServerContext
    ) async throws -> Audit_ListEmergencyAccessesResponse {
        let caller = try context.caller(requiring: .auditRead)
        let limit = try PageSize.limit(request.pageSize)
        let after = try StreamCursor.emergencyAccesses.decode(request.cursor)
        let (accesses, next) = try await reviews.list(
            openOnly: request.openOnly, after: after == 0 ? nil : after, limit: limit, as: caller)
        return .with {
            $0.accesses = accesses.map(Self.proto)
            if let next { $0.nextCursor = StreamCursor.emergencyAccesses.encode(next) }
        }
    }

    func closeEmergencyAccess(
        request: Audit_CloseEmergencyAccessRequest, context: ServerContext
    ) async throws -> Audit_EmergencyAccess {
        let caller = try context.caller(requiring: .auditRead)
        guard request.auditSequence > 0 else {
            throw CoordinationError.invalidArgument(field: "audit_sequence", "is required")
        }
        guard request.note.trimmingCharacters(in: .whitespacesAndNewlines).count >= 5 else {
            throw CoordinationError.invalidArgument(field: "note", "the review needs a note of at least 5 characters")
        }
        return Self.proto(try await reviews.close(auditSequence: request.auditSequence, note: request.note, reviewer: caller))
    }

    private static func proto(_ access: EmergencyReviewStore.Access) -> Audit_EmergencyAccess {
        .with {
            $0.auditSequence = access.auditSequence
            $0.callerName = access.callerName
            $0.callerDepartment = access.callerDepartment
            $0.justification = access.justification
            $0.recordIds = access.recordIDs
            $0.accessedAt = Google_Protobuf_Timestamp(date: access.accessedAt)
            $0.reviewedBy = access.reviewedBy ?? ""
            if let reviewedAt = access.reviewedAt { $0.reviewedAt = Google_Protobuf_Timestamp(date: reviewedAt) }
            $0.reviewNote = access.reviewNote ?? ""
        }
    }
}
