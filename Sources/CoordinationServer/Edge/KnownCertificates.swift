import Synchronization

/// The certificate serials this instance has already recorded as known, so that a certificate
/// is written to the database on its first call only.
final class KnownCertificates: Sendable {
    private let serials = Mutex<Set<String>>([])

    /// Whether `serial` has not been recorded by this instance yet.
    func isNew(_ serial: String) -> Bool { serials.withLock { !$0.contains(serial) } }

    /// Notes that `serial` is recorded.
    func add(_ serial: String) { _ = serials.withLock { $0.insert(serial) } }
}
