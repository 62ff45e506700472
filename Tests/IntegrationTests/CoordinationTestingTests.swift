import CoordinationAPI
import CoordinationCore
import CoordinationTesting
import EducationPlugin
import SwiftProtobuf
import Testing

/// The example of "Testing a plugin" in Plugins/README.md, kept to CoordinationTesting's
/// public API so that the example stays true.
@Suite("CoordinationTesting")
struct CoordinationTestingTests {
    @Test("a server built with a plugin author's catalog stores a record and shows it to another department")
    func publishAndRead() async throws {
        try await TestServer.with(catalog: try PluginRegistry([EducationPlugin()])) { server in
            try await server.seedDirectory()  // dev departments and county tree; installs the catalog's plugins

            let room = Education_CounsellingRoom.with {
                $0.schoolCode = "school-1"
                $0.schoolName = "第一中学"
                $0.staffed = true
            }
            let published = try await server.sharing(try server.system("education")) {
                try await $0.publish(.with {
                    $0.requestID = "room-1"
                    $0.jurisdictionCode = "demo-county"
                    $0.record = try Google_Protobuf_Any(message: room)
                })
            }

            let records = try await server.sharing(try server.system("health")) {
                try await $0.query(.with {
                    $0.context = .with {
                        $0.purpose = .riskAssessment
                        $0.legalBasis = .statutoryDuty
                    }
                }).records
            }
            #expect(records.map(\.recordID) == [published.recordID])
            #expect(records.first?.fields.fields["school_name"]?.stringValue == "第一中学")
        }
    }
}
