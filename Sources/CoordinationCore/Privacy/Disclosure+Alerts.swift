extension Disclosure {
    /// What of an alert a reader is shown.
    public enum AlertExtent: Sendable, Hashable {
        case none
        /// Everything but the summary and the person.
        case withoutPersonalData
        case full
    }

    /// A department sees the alerts addressed to it and those it raised, whole; a reader who
    /// oversees sees every other alert and its acknowledgements without the summary and the
    /// person; anyone else, nothing.
    public static func extent(of alert: Alert, to reader: Reader) -> AlertExtent {
        if alert.isParty(reader.department) { return .full }
        return reader.oversees ? .withoutPersonalData : .none
    }

    /// The alert as `reader` is shown it, or `nil` if not at all.
    public static func alert(_ alert: Alert, to reader: Reader) -> Alert? {
        switch extent(of: alert, to: reader) {
        case .none:
            return nil
        case .full:
            return alert
        case .withoutPersonalData:
            var shown = alert
            shown.summary = nil
            shown.subjectPseudonym = nil
            return shown
        }
    }
}

extension Disclosure {
    /// The alerts among `shown` whose reading by `department` discloses a person: those about a
    /// person that another department raised.
    public static func disclosures(_ shown: [Alert], to department: String) -> [Alert] {
        shown.filter { $0.subjectPseudonym != nil && $0.raisedByDepartment != department }
    }
}

extension Alert {
    /// Whether `department` is targeted by or raised the alert.
    public func isParty(_ department: String) -> Bool {
        raisedByDepartment == department || target(department) != nil
    }
}
