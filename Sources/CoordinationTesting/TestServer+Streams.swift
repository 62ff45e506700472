import CoordinationAPI

extension TestServer {
    /// Waits until the server counts at least `count` open server streams (asking every 100 ms,
    /// for up to ten seconds).
    public func waitForOpenStreams(atLeast count: Int) async throws {
        let admin = try pki.admin
        for _ in 0..<100 {
            let open = try await withClient(admin) {
                try await Admin_ServerService.Client(wrapping: $0).getServerStatus(.init()).openStreamsTotal
            }
            if open >= count { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("\(count) streams did not open")
    }
}
