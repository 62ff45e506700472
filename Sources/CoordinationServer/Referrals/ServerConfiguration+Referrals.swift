import Configuration
import CoordinationCore

extension ServerConfiguration {
    /// The `referrals.*` keys: acceptance deadlines per urgency, the escalation grace and the
    /// sweep interval. Without `referrals.escalation-grace-minutes` the grace is a quarter of
    /// each urgency's deadline.
    mutating func loadReferralSettings(_ reader: ConfigReader) throws(CoordinationError) {
        func positive(_ key: String, default value: Int) throws(CoordinationError) -> Int {
            let number = reader.int(forKey: ConfigKey(key), default: value)
            guard number >= 1 else { throw .invalidArgument(field: key, "must be at least 1, got \(number)") }
            return number
        }
        var deadlines = ReferralDeadlines(
            emergency: Double(try positive("referrals.deadline-emergency-minutes", default: 60) * 60),
            urgent: Double(try positive("referrals.deadline-urgent-hours", default: 24) * 3600),
            routine: Double(try positive("referrals.deadline-routine-days", default: 7) * 86_400))
        if let grace = reader.int(forKey: "referrals.escalation-grace-minutes") {
            guard grace >= 0 else {
                throw .invalidArgument(field: "referrals.escalation-grace-minutes", "must not be negative, got \(grace)")
            }
            deadlines.escalationGrace = Double(grace * 60)
        }
        referralDeadlines = deadlines
        let interval = reader.int(forKey: "referrals.sweep-interval-ms", default: 60_000)
        guard interval >= 100 else {
            throw .invalidArgument(field: "referrals.sweep-interval-ms", "must be at least 100, got \(interval)")
        }
        referralSweepInterval = .milliseconds(interval)
    }
}
