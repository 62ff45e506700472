import CoordinationAPI
import CoordinationTesting
import GRPCCore
import Testing

/// Checks of what a department plugin refuses to store.
extension TestServer {
    /// Publishes each request as `department`'s system and expects INVALID_ARGUMENT naming
    /// exactly the given field paths, never echoing `secret` (e.g. a mistyped national ID).
    func expectViolations(
        _ cases: [(Sharing_PublishRequest, Set<String>)], publishingAs department: String, secret: String
    ) async throws {
        for (request, fields) in cases {
            let error = await #expect(throws: RPCError.self, "\(fields)") {
                try await sharing(try system(department)) { try await $0.publish(request) }
            }
            #expect(error?.code == .invalidArgument, "\(fields)")
            #expect(try PluginFixtures.violatedFields(error) == fields)
            #expect(error?.message.contains(secret) == false, "\(fields)")
        }
    }

    /// Expects each department's attempt to publish `owner`'s record type refused with
    /// PERMISSION_DENIED naming the owner.
    func expectForeignPublishersRefused(_ cases: [(String, Sharing_PublishRequest)], owner: String) async throws {
        for (department, request) in cases {
            let error = await #expect(throws: RPCError.self, "\(department)") {
                try await sharing(try system(department)) { try await $0.publish(request) }
            }
            #expect(error?.code == .permissionDenied, "\(department)")
            #expect(error?.message.contains("belong to \(owner)") == true, "\(department)")
        }
    }
}
