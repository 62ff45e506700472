import Foundation

/// Checks, before anything starts, that the server can listen where it is told to, so that a
/// taken port is reported at once, naming the address and the flag that changes it.
enum ListenAddress {
    /// Throws if `host:port` cannot be bound (port 0 always can).
    static func ensureAvailable(host: String, port: Int, flag: String) throws {
        guard port != 0 else { return }
        guard (1...65_535).contains(port) else {
            throw StartupError("port \(port) is not a TCP port (1–65535); choose another with \(flag)")
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return }  // not IPv4: the transport reports it
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound != 0 else { return }
        switch errno {
        case EADDRINUSE:
            throw StartupError(
                "\(host):\(port) is already in use (is another coordination server running?); choose another port with \(flag)")
        case EADDRNOTAVAIL:
            throw StartupError("\(host) is not an address of this machine; choose another with the listen host setting")
        case EACCES:
            throw StartupError("listening on port \(port) needs privileges this process lacks; choose a port above 1023 with \(flag)")
        default:
            throw StartupError("cannot listen on \(host):\(port): \(String(cString: strerror(errno)))")
        }
    }
}

/// A reason the server cannot start, printed as it is.
struct StartupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
