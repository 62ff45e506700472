import Foundation
import PluginAPI

/// The one place that decides what of a person's data, or of its traces, a reader is shown:
/// shared records and their fields here; alerts, referrals, tasks, meetings and case
/// conferences, evaluations, analysis cells and audit history in the extensions beside this
/// file. Handlers and stores ask; they never test roles or redact by hand.
///
/// Records — default deny: the publishing department sees its own records whole; any other
/// department sees a record only through a view its type grants to that department for the
/// stated purpose and legal basis, and only within its own jurisdiction and those below it.
/// Fields a view does not grant are withheld: absent from the answer, named with the reason.
public enum Disclosure {
    /// A field left out of a record, and why.
    public struct Withheld: Sendable, Hashable {
        public var field: String
        public var reason: String
    }

    /// The decision for one record.
    public enum RecordDecision: Sendable, Hashable {
        /// The record is not shown at all (not even counted).
        case denied
        /// The record is shown with exactly `visible` fields.
        case granted(visible: Set<String>, withheld: [Withheld])
    }

    /// Whether a viewer granted `visible` fields of `type` may also see the subject's
    /// pseudonym: only when it sees identity data anyway, since the pseudonym links records.
    public static func disclosesSubject(type: RecordTypeDeclaration, visible: Set<String>) -> Bool {
        type.fields.contains { $0.sensitivity == .identity && visible.contains($0.name) }
    }

    /// Checks the read context itself, before anything is touched: the caller holds
    /// `permission` (records: ``Permission/recordsRead``; a person's audit history:
    /// ``Permission/auditRead``), and the basis has what it needs.
    public static func validate(_ context: ReadContext, permission: Permission = .recordsRead) throws(CoordinationError) {
        guard AccessControl.permissions(of: context.caller).contains(permission) else {
            throw CoordinationError(
                code: .permissionDenied,
                message: permission == .recordsRead
                    ? "\(context.caller.summary) does not read personal records (no 'records.read'); use a case worker's certificate"
                    : "\(context.caller.summary) lacks the permission '\(permission.rawValue)'")
        }
        switch context.legalBasis {
        case .statutoryDuty:
            break
        case .consent:
            guard let reference = context.consentReference, !reference.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .invalidArgument(field: "context.consent_reference", "is required when the legal basis is consent")
            }
        case .emergency:
            guard canClaimEmergency(context.caller) else {
                throw CoordinationError(
                    code: .permissionDenied,
                    message: "\(context.caller.summary) may not claim an emergency: only officers and coordinators may")
            }
            guard let justification = context.justification, justification.trimmingCharacters(in: .whitespaces).count >= 10 else {
                throw .invalidArgument(
                    field: "context.justification", "an emergency access needs a justification of at least 10 characters")
            }
        case .activeReferral:
            // Referral-based access opens only through an open referral to the reader's
            // department, named in the context; ``admit(_:for:)`` checks it once loaded.
            guard context.referralID != nil else {
                throw .invalidArgument(
                    field: "context.referral_id",
                    "is required when the legal basis is active-referral: name the open referral to \(context.caller.departmentCode)")
            }
        }
    }

    /// The records a read under `context` may reach through its referral, given the referral
    /// the context names as the store found it (`nil`: no such referral). `nil` when the legal
    /// basis is not active-referral. A referral to another department is reported as not
    /// existing; a closed one grants nothing.
    public static func admit(_ referral: ReferralAccess?, for context: ReadContext) throws(CoordinationError) -> Set<String>? {
        guard context.legalBasis == .activeReferral else { return nil }
        let department = context.caller.departmentCode
        guard let id = context.referralID, let referral, referral.id == id, referral.toDepartment == department else {
            throw CoordinationError(
                code: .notFound,
                message: "no referral '\(context.referralID?.uuidString.lowercased() ?? "")' to \(department) exists")
        }
        guard referral.status.isOpen else {
            throw CoordinationError(
                code: .failedPrecondition,
                message: "referral \(id.uuidString.lowercased()) is not open (it is \(referral.status.rawValue)); access under active-referral ended with it")
        }
        return referral.linkedRecordIDs
    }

    /// Whether `caller` may claim an emergency ("break the glass"). Every such access is reviewed.
    public static func canClaimEmergency(_ caller: Caller) -> Bool {
        AccessControl.permissions(of: caller).contains(.emergencyAccess)
    }

    /// The decision for record `recordID` of `type`, published by `publisher` in
    /// `jurisdiction` with risk level `riskLevel`, read under `context` by a caller whose
    /// jurisdiction covers `scope`. A view with a minimum risk level grants nothing of a record below it.
    /// Under active-referral only the records in `referralRecords` (from ``admit(_:for:)``)
    /// can be granted.
    public static func record(
        type: RecordTypeDeclaration, publisher: String, jurisdiction: String, riskLevel: Int? = nil, context: ReadContext,
        scope: Set<String>, recordID: String = "", referralRecords: Set<String>? = nil
    ) -> RecordDecision {
        let viewer = context.caller.departmentCode
        if viewer == publisher {
            return .granted(visible: Set(type.fields.map(\.name)), withheld: [])
        }
        guard scope.contains(jurisdiction) else { return .denied }
        if context.legalBasis == .activeReferral {
            guard let referralRecords, referralRecords.contains(recordID) else { return .denied }
        }
        let grants = matchingGrants(type: type, viewer: viewer, context: context).filter { $0.shows(riskLevel: riskLevel) }
        guard !grants.isEmpty else { return .denied }
        let sensitivities = grants.reduce(into: Set<Sensitivity>()) { $0.formUnion($1.sensitivities) }
        let visible = Set(disclosed(by: sensitivities, of: type))
        var withheld: [Withheld] = []
        for field in type.fields where !visible.contains(field.name) {
            if field.publisherOnly {
                withheld.append(Withheld(field: field.name, reason: "disclosed only to \(publisher)"))
            } else {
                withheld.append(Withheld(
                    field: field.name,
                    reason: "\(field.sensitivity.rawValue) data is not granted to \(viewer) for \(context.purpose.rawValue) under \(context.legalBasis.rawValue)"))
            }
        }
        return .granted(visible: visible, withheld: withheld)
    }

    /// The record types of `types` whose records published by other departments `context` may
    /// be granted, so that a read can look only where something may be shown: every other
    /// record is ``record(type:publisher:jurisdiction:riskLevel:context:scope:recordID:referralRecords:)``
    /// denied whoever published it.
    public static func grantedTypes(of types: [RecordTypeDeclaration], to context: ReadContext) -> Set<String> {
        Set(types.filter { !matchingGrants(type: $0, viewer: context.caller.departmentCode, context: context).isEmpty }.map(\.messageName))
    }

    /// The fields of `type`, in declaration order, that a view granting `sensitivities`
    /// discloses: never a publisher-only one.
    public static func disclosed(by sensitivities: Set<Sensitivity>, of type: RecordTypeDeclaration) -> [String] {
        type.fields.filter { !$0.publisherOnly && sensitivities.contains($0.sensitivity) }.map(\.name)
    }

    /// The grants of `type` that admit `viewer` for the context's purpose and basis.
    static func matchingGrants(type: RecordTypeDeclaration, viewer: String, context: ReadContext) -> [ViewGrant] {
        type.views.filter {
            $0.admits(viewer) && $0.purposes.contains(context.purpose) && $0.legalBases.contains(context.legalBasis)
        }
    }

    /// One row of the grant table the database enforces as its second wall.
    public struct GrantRow: Sendable, Hashable {
        public var viewer: String
        public var recordType: String
        public var purpose: Purpose
        public var legalBasis: LegalBasis
        /// The lowest risk level of a record the row admits (0: every record).
        public var minimumRiskLevel: Int = 0
    }

    /// Every (viewer, record type, purpose, basis) the registered plugins grant.
    public static func grantRows(_ registry: PluginRegistry) -> [GrantRow] { grantRows(registry.recordTypes) }

    /// Every (viewer, record type, purpose, basis) that `types` grant, each with the lowest
    /// minimum risk level of the views granting it.
    public static func grantRows(_ types: [RecordTypeDeclaration]) -> [GrantRow] {
        var rows: [GrantRow: Int] = [:]
        for type in types {
            for grant in type.views {
                for viewer in grant.viewers {
                    for purpose in grant.purposes {
                        for basis in grant.legalBases {
                            let key = GrantRow(viewer: viewer, recordType: type.messageName, purpose: purpose, legalBasis: basis)
                            rows[key] = min(rows[key] ?? .max, grant.minimumRiskLevel ?? 0)
                        }
                    }
                }
            }
        }
        return rows.map { key, level in
            var row = key
            row.minimumRiskLevel = level
            return row
        }.sorted { ($0.recordType, $0.viewer, $0.purpose.rawValue, $0.legalBasis.rawValue)
            < ($1.recordType, $1.viewer, $1.purpose.rawValue, $1.legalBasis.rawValue) }
    }
}
