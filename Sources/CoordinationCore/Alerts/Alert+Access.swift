/// Who sees an alert, and how much of it.
///
/// A department sees the alerts addressed to it and those it raised, with the summary and
/// the person's pseudonym. A coordinator sees every alert and its acknowledgements, but
/// the personal parts (summary, person) only when their own department is a party.
public struct AlertViewer: Sendable, Hashable {
    public var departmentCode: String
    /// Coordinators: every alert, personal parts withheld unless a party.
    public var seesAll: Bool

    public init(departmentCode: String, seesAll: Bool) {
        self.departmentCode = departmentCode
        self.seesAll = seesAll
    }

    /// The viewer `caller` is.
    public init(_ caller: Caller) {
        self.init(departmentCode: caller.departmentCode, seesAll: caller.role == .coordinator)
    }
}

extension Alert {
    /// How much of an alert a viewer may see.
    public enum Visibility: Sendable, Hashable {
        case none
        /// Everything but the summary and the person.
        case withoutPersonalData
        case full
    }

    /// Whether `viewer`'s department is targeted by or raised the alert.
    public func isParty(_ department: String) -> Bool {
        raisedByDepartment == department || target(department) != nil
    }

    public func visibility(to viewer: AlertViewer) -> Visibility {
        if isParty(viewer.departmentCode) { return .full }
        return viewer.seesAll ? .withoutPersonalData : .none
    }

    /// The alert as `viewer` may see it, or `nil` if not at all.
    public func seen(by viewer: AlertViewer) -> Alert? {
        switch visibility(to: viewer) {
        case .none: return nil
        case .full: return self
        case .withoutPersonalData:
            var redacted = self
            redacted.summary = nil
            redacted.subjectPseudonym = nil
            return redacted
        }
    }
}
