extension NoticeKind {
    /// A coordinator defined an indicator the department reports.
    public static let indicatorDefined = NoticeKind(rawValue: "indicator.defined")
    /// A coordinator set new targets for an indicator the department reports.
    public static let indicatorTargetsSet = NoticeKind(rawValue: "indicator.targets")
    /// Coordinators wrote the department's evaluation feedback for a year.
    public static let evaluationFeedback = NoticeKind(rawValue: "evaluation.feedback")
}
