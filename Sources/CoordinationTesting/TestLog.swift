import Foundation
import Logging

/// Logging for tests: warnings and above, so failures explain themselves. `COORD_TEST_LOG`
/// (a level such as `debug`) says otherwise.
public enum TestLog {
    /// The logger every test server, cluster and fixture logs to.
    public static let logger: Logger = {
        var logger = Logger(label: "coordination.tests")
        logger.logLevel = ProcessInfo.processInfo.environment["COORD_TEST_LOG"].flatMap { Logger.Level(rawValue: $0) } ?? .warning
        return logger
    }()
}
