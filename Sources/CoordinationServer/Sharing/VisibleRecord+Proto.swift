import CoordinationAPI
import CoordinationCore
import Foundation
import SwiftProtobuf

extension VisibleRecord {
    /// The wire form: only the visible fields, the withheld ones named.
    func proto() throws -> Sharing_SharedRecord {
        try .with {
            $0.recordID = id
            $0.sequence = sequence
            $0.recordType = recordType
            $0.publisherDepartment = publisher
            $0.jurisdictionCode = jurisdictionCode
            $0.subjectPseudonym = subjectPseudonym ?? ""
            $0.publishedAt = Google_Protobuf_Timestamp(date: publishedAt)
            $0.fields = try Google_Protobuf_Struct(jsonString: fieldsJSON)
            $0.withheld = withheld.map { withheld in
                .with {
                    $0.field = withheld.field
                    $0.reason = withheld.reason
                }
            }
        }
    }
}
