import Foundation

/// A decision on an agenda item: taken by consensus, or put to a vote of the departments
/// present (one vote each) and adopted when more vote yes than no.
public struct MeetingDecision: Sendable, Hashable {
    /// How the decision was taken.
    public enum Method: String, Sendable, CaseIterable, Codable {
        case consensus, vote
    }

    /// Where the decision stands.
    public enum Status: String, Sendable, CaseIterable, Codable {
        /// A vote is open.
        case voting
        case adopted
        case rejected
    }

    /// One department's vote.
    public enum Choice: String, Sendable, CaseIterable, Codable {
        case yes, no, abstain
    }

    /// One department's vote as cast.
    public struct Vote: Sendable, Hashable {
        public var department: String
        public var choice: Choice
        /// Who cast it (certificate name).
        public var castBy: String
        public var castAt: Date

        public init(department: String, choice: Choice, castBy: String, castAt: Date) {
            self.department = department
            self.choice = choice
            self.castBy = castBy
            self.castAt = castAt
        }
    }

    /// Votes counted so far (final once the vote is closed).
    public struct Tally: Sendable, Hashable, Codable {
        public var yes: Int
        public var no: Int
        public var abstain: Int

        public init(yes: Int = 0, no: Int = 0, abstain: Int = 0) {
            self.yes = yes
            self.no = no
            self.abstain = abstain
        }

        /// A motion passes when more departments vote yes than no.
        public var passes: Bool { yes > no }

        /// The tally with one more `choice`.
        public func adding(_ choice: Choice) -> Tally {
            var tally = self
            switch choice {
            case .yes: tally.yes += 1
            case .no: tally.no += 1
            case .abstain: tally.abstain += 1
            }
            return tally
        }
    }

    /// Referenced by tasks created from this decision.
    public var id: UUID
    /// The position of the agenda item decided on.
    public var agendaItem: Int
    public var method: Method
    /// The decision's text, or the motion put to the vote.
    public var text: String
    public var status: Status
    public var tally: Tally
    /// Votes in the order cast.
    public var votes: [Vote]
    /// The coordinator who recorded the decision or opened the vote.
    public var recordedBy: String
    public var openedAt: Date
    /// When the decision was taken (consensus) or the vote closed.
    public var decidedAt: Date?

    public init(
        id: UUID, agendaItem: Int, method: Method, text: String, status: Status, tally: Tally = Tally(),
        votes: [Vote] = [], recordedBy: String, openedAt: Date, decidedAt: Date? = nil
    ) {
        self.id = id
        self.agendaItem = agendaItem
        self.method = method
        self.text = text
        self.status = status
        self.tally = tally
        self.votes = votes
        self.recordedBy = recordedBy
        self.openedAt = openedAt
        self.decidedAt = decidedAt
    }

    /// Departments that voted, in the order they voted.
    public var votedDepartments: [String] { votes.map(\.department) }
}
