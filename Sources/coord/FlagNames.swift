import Foundation

/// Server messages name the API's fields (`context.justification: is required`); the CLI's
/// users typed flags. Each field a flag sets is named by that flag, the field after it in
/// parentheses for department IT: `--justification (context.justification): is required`.
enum FlagNames {
    /// API field → the flag that sets it.
    static let flags: [String: String] = [
        "context.purpose": "--purpose", "context.legal_basis": "--basis", "context.consent_reference": "--consent",
        "context.justification": "--justification", "context.referral_id": "--referral",
        "starts_at": "--starts-at", "jurisdiction_code": "--jurisdiction", "title": "--title", "invitees": "--invite",
        "quorum": "--quorum", "subject_national_id": "--subject", "due_at": "--due", "lead_department": "--lead",
        "cooperating_departments": "--cooperating", "reason": "--reason", "to_department": "--to", "urgency": "--urgency",
        "severity": "--severity", "kind": "--kind", "summary": "--summary", "target_departments": "--target",
        "note": "--note", "outcome": "--outcome", "request_id": "--request-id", "record_type": "--type",
        "decision_id": "--decision", "work_plan_id": "--plan", "phase": "--phase", "priority": "--priority",
        "percent": "--percent", "evidence": "--evidence", "message": "--message", "reply_due_at": "--reply-by",
        "emergency_justification": "--emergency-override", "consent.text": "--consent",
    ]

    /// `message` with each field path that opens a violation (at the start, or after `; `) named by its flag.
    static func explain(_ message: String) -> String {
        let pattern = /(^|; )([a-z_]+(?:\.[a-z_]+|\[\d+\])*):/
        return message.replacing(pattern) { match in
            let field = String(match.output.2)
            let base = field.replacing(/\[\d+\]/, with: "")
            if let flag = flags[base] { return "\(match.output.1)\(flag) (\(field)):" }
            if field.hasPrefix("record.") { return "\(match.output.1)--record field \(field.dropFirst("record.".count)):" }
            return String(match.output.0)
        }
    }
}
