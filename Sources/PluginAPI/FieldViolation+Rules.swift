/// Building blocks for a record type's `validate` rule: each returns the violation when the
/// rule is broken, `nil` otherwise, so a rule reads as one list.
///
/// ```swift
/// validate: { message in
///     guard let room = message as? CivilAffairs_CommunityRoom else { return [] }
///     return [
///         .required("community_code", missing: room.communityCode.isEmpty),
///         .unless(room.hasOpenedAt, "opened_at", "is required"),
///     ].compactMap { $0 }
/// }
/// ```
extension FieldViolation {
    /// `field` "is required": a violation when `missing`.
    public static func required(_ field: String, missing: Bool) -> FieldViolation? {
        missing ? FieldViolation(field: field, description: "is required") : nil
    }

    /// A violation of `field`, saying `description`, unless `satisfied`.
    public static func unless(_ satisfied: Bool, _ field: String, _ description: String) -> FieldViolation? {
        satisfied ? nil : FieldViolation(field: field, description: description)
    }
}
