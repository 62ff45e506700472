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

    func subjectHistory(
        request: Audit_SubjectHistoryRequest, context: ServerContext
    ) async throws -> Audit_SubjectHistoryResponse {
        let caller = try context.caller(requiring: .auditRead)
        let pseudonym = try pseudonymizer.pseudonym(nationalID: request.nationalID, field: "national_id")
        let history = try await AuditLog.history(of: pseudonym, readBy: caller, in: database)
        return .with {
            $0.entries = history.map { sequence, event in
                .with {
                    $0.sequence = sequence
                    $0.at = event.at
                    $0.callerName = event.callerName
                    $0.callerDepartment = event.callerDepartment
                    $0.callerRole = event.callerRole
                    $0.action = event.action
                    $0.recordIds = event.recordIDs
                    $0.fieldsDisclosed = event.fieldsDisclosed
                    $0.purpose = event.purpose ?? ""
                    $0.legalBasis = event.legalBasis ?? ""
                    $0.detail = event.detail ?? ""
                }
            }
        }
    }

    func listEmergencyAccesses(
        request: Audit_ListEmergencyAccessesRequest, context: ServerContext
    ) async throws -> Audit_ListEmergencyAccessesResponse {
        _ = try context.caller(requiring: .auditRead)
        let accesses = try await reviews.list(openOnly: request.openOnly)
        return .with { $0.accesses = accesses.map(Self.proto) }
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
