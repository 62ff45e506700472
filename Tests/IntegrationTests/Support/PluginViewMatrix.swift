import CoordinationAPI
import CoordinationClient
import CoordinationCore
import CoordinationTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// One row of a plugin's view matrix: who reads, why, on what ground, and exactly which fields
/// they must see of each record type (a type left out: nothing at all).
struct ViewCase: Sendable, CustomStringConvertible {
    var viewer: String
    /// `nil`: the department's system.
    var role: Role?
    var purpose: Sharing_Purpose
    var basis: Sharing_LegalBasis
    /// Record type → the exact fields visible.
    var sees: [String: Set<String>]

    init(_ viewer: String, _ role: Role?, _ purpose: Sharing_Purpose, _ basis: Sharing_LegalBasis, sees: [String: Set<String>]) {
        self.viewer = viewer
        self.role = role
        self.purpose = purpose
        self.basis = basis
        self.sees = sees
    }

    var description: String { "\(role?.rawValue ?? "system") of \(viewer), \(purpose), \(basis)" }
}

/// Helpers shared by the department plugins' tests.
enum PluginFixtures {
    /// A timestamp `days` days after 2026-09-21 (1_790_000_000).
    static func date(days: Int) -> Google_Protobuf_Timestamp {
        Google_Protobuf_Timestamp(date: Date(timeIntervalSince1970: 1_790_000_000 + Double(days) * 86_400))
    }

    /// A publish request for `message` with request id `id`.
    static func request(
        _ message: some SwiftProtobuf.Message, id: String, jurisdiction: String = "demo-county.chengguan.dongmen"
    ) throws -> Sharing_PublishRequest {
        try .with {
            $0.requestID = id
            $0.jurisdictionCode = jurisdiction
            $0.record = try Google_Protobuf_Any(message: message)
        }
    }

    /// The field paths an INVALID_ARGUMENT message names ("field: description; field: description").
    static func violatedFields(_ error: RPCError?) throws -> Set<String> {
        let error = try #require(error)
        return Set(error.message.components(separatedBy: "; ").compactMap { part in
            part.range(of: ": ").map { String(part[..<$0.lowerBound]) }
        })
    }

    /// The read context a case states, with a justification or consent reference when its basis needs one.
    private static func context(_ purpose: Sharing_Purpose, _ basis: Sharing_LegalBasis) -> Sharing_ReadContext {
        Fixtures.context(
            purpose, basis,
            justification: basis == .emergency ? "person reported in danger right now" : "",
            consent: basis == .consent ? "consent form 2026-204" : "")
    }

    /// Reads as each case says and checks it sees exactly one record of each type it should,
    /// with exactly the expected fields (the others named as withheld, with a reason), and
    /// nothing of the other types in `allFields` (record type → all its fields). For
    /// `subjectTypes`, the subject's pseudonym is disclosed exactly when identity fields are.
    static func checkMatrix(
        _ cases: [ViewCase], on server: TestServer, allFields: [String: Set<String>], subjectTypes: Set<String> = []
    ) async throws {
        for testCase in cases {
            let credentials = try testCase.role.map { try server.person($0, of: testCase.viewer) }
                ?? server.system(testCase.viewer)
            let records = try await server.sharing(credentials) {
                try await $0.query(.with { $0.context = context(testCase.purpose, testCase.basis) }).records
            }
            for (type, all) in allFields.sorted(by: { $0.key < $1.key }) {
                let matching = records.filter { $0.recordType == type }
                guard let expected = testCase.sees[type] else {
                    #expect(matching.isEmpty, "\(testCase): saw \(type)")
                    continue
                }
                #expect(matching.count == 1, "\(testCase): \(type)")
                guard let record = matching.first else { continue }
                #expect(Set(record.fields.fields.keys) == expected, "\(testCase): \(type)")
                #expect(Set(record.withheld.map(\.field)) == all.subtracting(expected), "\(testCase): \(type) withheld")
                #expect(record.withheld.allSatisfy { !$0.reason.isEmpty }, "\(testCase): \(type) reasons")
                if subjectTypes.contains(type) {
                    #expect(record.subjectPseudonym.isEmpty == !expected.contains("national_id"), "\(testCase): \(type) pseudonym")
                }
            }
        }
    }
}
