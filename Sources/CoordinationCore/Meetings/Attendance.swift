/// Who is present, counted by department, against the quorum and the lead departments.
public struct Attendance: Sendable, Hashable {
    /// Invited departments checked in.
    public var present: Int
    /// The quorum.
    public var required: Int
    /// Lead departments not checked in, by code.
    public var missingLeads: [String]

    public init(present: Int, required: Int, missingLeads: [String]) {
        self.present = present
        self.required = required
        self.missingLeads = missingLeads
    }

    /// A majority of `invited` departments: the default quorum.
    public static func majority(of invited: Int) -> Int { invited / 2 + 1 }

    /// How many more departments must check in to reach the quorum.
    public var shortfall: Int { max(0, required - present) }

    /// The quorum is reached and every lead department is present.
    public var isMet: Bool { shortfall == 0 && missingLeads.isEmpty }

    /// What is missing, e.g. "quorum not met: 2 of 3 departments checked in, 1 more needed;
    /// lead departments not checked in: health"; empty when met.
    public var problems: [Localized] {
        var problems: [Localized] = []
        if shortfall > 0 {
            problems.append("quorum not met: \(present) of \(required) departments checked in, \(shortfall) more needed")
        }
        if !missingLeads.isEmpty {
            problems.append("lead departments not checked in: \(missingLeads.joined(separator: ", "))")
        }
        return problems
    }
}

extension Meeting {
    /// Attendance now.
    public var attendance: Attendance {
        Attendance(
            present: invitees.filter { $0.checkIn != nil }.count, required: quorum,
            missingLeads: invitees.filter { $0.isLead && $0.checkIn == nil }.map(\.departmentCode))
    }
}
