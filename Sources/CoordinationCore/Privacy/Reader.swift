/// Who is reading, as every disclosure decision sees it: the caller and what their
/// permissions make of them.
public struct Reader: Sendable, Hashable {
    public var caller: Caller
    /// Whether the reader follows the whole system's coordination work (the leading group's
    /// office, ``Permission/coordinationOversee``): every meeting, task, referral and alert, a
    /// person's data in them only where its own department is a party.
    public let oversees: Bool

    public init(_ caller: Caller) {
        self.caller = caller
        oversees = AccessControl.permissions(of: caller).contains(.coordinationOversee)
    }

    private init(caller: Caller, oversees: Bool) {
        self.caller = caller
        self.oversees = oversees
    }

    /// `caller` reading only as its own department, whatever it oversees: the answer to a change
    /// it makes as a party (acknowledging its alert, accepting its referral).
    public static func party(_ caller: Caller) -> Reader { Reader(caller: caller, oversees: false) }

    /// The department the reader acts for.
    public var department: String { caller.departmentCode }

    /// For listings: the one department whose objects the reader may see; `nil` when it
    /// oversees them all.
    public var confinedTo: String? { oversees ? nil : department }
}
