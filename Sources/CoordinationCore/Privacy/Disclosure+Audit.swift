import PluginAPI

extension Disclosure {
    /// One entry of a person's audit history as a reader is shown it. What is withheld is
    /// empty or `nil`.
    public struct HistoryEntry: Sendable, Hashable {
        public var sequence: Int64
        public var at: String
        public var department: String
        public var action: String
        public var purpose: String?
        public var legalBasis: String?
        /// The record types the reader may know of.
        public var recordTypes: [String]
        /// The acting person or system: the reader's own department's entries, or an auditor's.
        public var callerName: String?
        public var callerRole: String?
        public var recordIDs: [String]
        public var fieldsDisclosed: [String]
        /// Justifications, consent references, other free text: auditors only.
        public var detail: String?
    }

    /// A person's audit history (`events`, oldest first) as `reader` is shown it, read under
    /// `context` (its purpose and basis were checked by ``validate(_:)``).
    ///
    /// - Only entries of departments in `scope` (the reader's jurisdiction and those below it).
    /// - An auditor (``Permission/auditDetail``) sees those entries whole.
    /// - The reader's own department's entries show who, which records and which fields, never
    ///   free text.
    /// - Another department's entries show its department, time, action, purpose, basis and
    ///   the record types `seesType` admits; a publication of types the reader may not know of
    ///   is left out, since it would tell that such a record exists.
    public static func subjectHistory(
        _ events: [(sequence: Int64, event: AuditEvent)], to reader: Reader, scope: Set<String>,
        seesType: (String) -> Bool
    ) -> [HistoryEntry] {
        let isAuditor = AccessControl.permissions(of: reader.caller).contains(.auditDetail)
        return events.compactMap { sequence, event in
            guard scope.contains(event.callerDepartment) else { return nil }
            let types = event.recordTypes ?? Array(Set(event.fieldsDisclosed.compactMap { $0.split(separator: "#").first.map(String.init) })).sorted()
            var entry = HistoryEntry(
                sequence: sequence, at: event.at, department: event.callerDepartment, action: event.action,
                purpose: event.purpose, legalBasis: event.legalBasis, recordTypes: types, callerName: nil, callerRole: nil,
                recordIDs: [], fieldsDisclosed: [], detail: nil)
            if isAuditor || event.callerDepartment == reader.department {
                entry.callerName = event.callerName
                entry.callerRole = event.callerRole
                entry.recordIDs = event.recordIDs
                entry.fieldsDisclosed = event.fieldsDisclosed
                entry.detail = isAuditor ? event.detail : nil
                return entry
            }
            entry.recordTypes = types.filter(seesType)
            if event.action == "record.publish" && entry.recordTypes.isEmpty { return nil }
            return entry
        }
    }

    /// Whether a reader of `department` may know that records of `type` exist, reading under
    /// `context`: its own department's types, and those a view grants it for the purpose and
    /// basis whatever the record's risk level. A view from a minimum risk level does not count:
    /// an audit entry does not say the level, so naming the type would tell that a person has a
    /// record below it.
    public static func mayKnowOf(_ type: RecordTypeDeclaration, owner: String, department: String, context: ReadContext) -> Bool {
        owner == department
            || matchingGrants(type: type, viewer: department, context: context).contains { $0.shows(riskLevel: 0) }
    }
}
