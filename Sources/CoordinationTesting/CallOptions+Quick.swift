import GRPCCore

extension CallOptions {
    /// Fail fast instead of waiting for a connection that will not come: a 5 s timeout,
    /// without waiting for the connection to be ready.
    package static var quick: CallOptions {
        var options = CallOptions.defaults
        options.timeout = .seconds(5)
        options.waitForReady = false
        return options
    }
}
