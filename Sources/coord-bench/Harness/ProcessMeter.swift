import Foundation

/// CPU time and memory of the processes under measurement, read from `/proc`.
struct ProcessMeter: Sendable {
    /// What a meter reads of one process (or of the PostgreSQL cluster, all its processes).
    enum Target: Sendable {
        case process(pid_t)
        /// The postmaster and every backend it has started, living or ended.
        case cluster(postmaster: pid_t)
    }

    let target: Target
    private static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

    /// CPU seconds used so far (user + system).
    func cpuSeconds() -> Double {
        switch target {
        case .process(let pid):
            guard let fields = Self.stat(pid) else { return 0 }
            return Double(fields.utime + fields.stime) / Self.ticksPerSecond
        case .cluster(let postmaster):
            guard let own = Self.stat(postmaster) else { return 0 }
            var ticks = own.utime + own.stime + own.childrenUtime + own.childrenStime
            for pid in Self.children(of: postmaster) {
                if let child = Self.stat(pid) { ticks += child.utime + child.stime }
            }
            return Double(ticks) / Self.ticksPerSecond
        }
    }

    /// Resident memory now, in MB (the cluster's: the postmaster's alone).
    func residentMB() -> Double {
        let pid: pid_t
        switch target {
        case .process(let process): pid = process
        case .cluster(let postmaster): pid = postmaster
        }
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }

    private struct Stat {
        let parent: pid_t
        let utime: Int
        let stime: Int
        let childrenUtime: Int
        let childrenStime: Int
    }

    /// Fields of `/proc/<pid>/stat` after the command name (which may hold spaces).
    private static func stat(_ pid: pid_t) -> Stat? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is the state (field 3): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
        guard fields.count > 14, let parent = pid_t(fields[1]), let utime = Int(fields[11]), let stime = Int(fields[12]),
              let cutime = Int(fields[13]), let cstime = Int(fields[14])
        else { return nil }
        return Stat(parent: parent, utime: utime, stime: stime, childrenUtime: cutime, childrenStime: cstime)
    }

    private static func children(of parent: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { pid_t($0) }.filter { stat($0)?.parent == parent }
    }
}

/// CPU used by each measured process over one phase, as a percentage of one core.
struct CPUWindow {
    private let meters: [(String, ProcessMeter)]
    private let start: [Double]
    private let began = ContinuousClock.now

    init(_ meters: [(String, ProcessMeter)]) {
        self.meters = meters
        self.start = meters.map { $0.1.cpuSeconds() }
    }

    /// Percent of one core per process since `init`.
    func percentages() -> [(String, Double)] {
        let elapsed = began.duration(to: .now).seconds
        return zip(meters, start).map { meter, before in (meter.0, (meter.1.cpuSeconds() - before) / elapsed * 100) }
    }

    /// `server 143%, postgres 40%, …` for a report line.
    func summary() -> String {
        percentages().map { "\($0.0) \(Int($0.1.rounded()))%" }.joined(separator: ", ")
    }
}

extension Duration {
    /// This duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
    /// This duration in milliseconds.
    var milliseconds: Double { seconds * 1000 }
}
