/// Who may close the review of an emergency ("break the glass") access.
public enum EmergencyReviewRules {
    /// Throws `permissionDenied` when `reviewer` is the person who made the access (same name,
    /// same department, whichever certificate they call with): an access is reviewed by
    /// someone else.
    public static func checkSeparation(
        madeBy callerName: String, of callerDepartment: String, reviewer: Caller
    ) throws(CoordinationError) {
        if reviewer.name == callerName && reviewer.departmentCode == callerDepartment {
            throw CoordinationError(
                code: .permissionDenied,
                message: "\(reviewer.summary) made this emergency access and may not review it; another reviewer must")
        }
    }
}
