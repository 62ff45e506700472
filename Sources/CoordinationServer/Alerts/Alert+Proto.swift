import CoordinationAPI
import CoordinationCore
import Foundation
import PluginAPI
import SwiftProtobuf

extension Alert {
    /// The alert on the wire; overdue is judged at `now`. Never a national ID number.
    func proto(now: Date) -> Alerts_Alert {
        .with {
            $0.alertID = id.uuidString.lowercased()
            $0.severity = Alerts_Severity(severity)
            $0.kind = kind.rawValue
            $0.hasPerson_p = hasPerson
            $0.subjectPseudonym = subjectPseudonym ?? ""
            $0.summary = summary ?? ""
            $0.summaryWithheld = summary == nil
            $0.raisedBy = raisedBy
            $0.raisedByDepartment = raisedByDepartment
            if case .rule(let type, let record) = origin {
                $0.sourceRecordType = type
                $0.sourceRecordID = record.uuidString.lowercased()
            }
            $0.raisedAt = Google_Protobuf_Timestamp(date: raisedAt)
            $0.acknowledgeBy = Google_Protobuf_Timestamp(date: acknowledgeBy)
            $0.targets = targets.map { target in
                .with {
                    $0.departmentCode = target.departmentCode
                    $0.acknowledged = target.isAcknowledged
                    if let at = target.acknowledgedAt { $0.acknowledgedAt = Google_Protobuf_Timestamp(date: at) }
                    $0.acknowledgedBy = target.acknowledgedBy ?? ""
                    $0.acknowledgementNote = target.acknowledgementNote ?? ""
                    $0.secondsToAcknowledge = Int64(target.timeToAcknowledge(raisedAt: raisedAt)?.rounded() ?? 0)
                    $0.escalationLevel = Int32(target.escalationLevel)
                    $0.deliveries = Int32(clamping: target.deliveries)
                    if let last = target.lastDeliveredAt { $0.lastDeliveredAt = Google_Protobuf_Timestamp(date: last) }
                    $0.overdue = !target.isAcknowledged && now >= acknowledgeBy
                }
            }
            $0.open = isOpen
        }
    }
}

extension Alerts_Severity {
    init(_ severity: AlertSeverity) {
        switch severity {
        case .critical: self = .critical
        case .high: self = .high
        case .moderate: self = .moderate
        }
    }

    /// `nil` for unspecified or unknown values.
    var domain: AlertSeverity? {
        switch self {
        case .critical: .critical
        case .high: .high
        case .moderate: .moderate
        case .unspecified, .UNRECOGNIZED: nil
        }
    }
}
