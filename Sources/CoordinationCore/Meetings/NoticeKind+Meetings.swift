extension NoticeKind {
    /// A meeting a department is invited to was convened.
    public static let meetingConvened = NoticeKind(rawValue: "meeting.convened")
    /// A convened meeting a department was invited to was cancelled.
    public static let meetingCancelled = NoticeKind(rawValue: "meeting.cancelled")
}
