import CoordinationAPI

extension TestServer {
    /// The server streams the server counts open now.
    public func openStreams() async throws -> Int {
        try await withClient(try pki.admin) {
            Int(try await Admin_ServerService.Client(wrapping: $0).getServerStatus(.init()).openStreamsTotal)
        }
    }

    /// Waits until the server counts at least `count` open server streams (asking every 100 ms,
    /// for up to ten seconds).
    public func waitForOpenStreams(atLeast count: Int) async throws {
        for _ in 0..<100 {
            if try await openStreams() >= count { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("\(count) streams did not open")
    }
}
