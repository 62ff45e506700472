import CoordinationCore
import Foundation
import PostgresNIO

/// Joint meetings: every change is one transaction that locks the meeting, applies the
/// pure transition of ``Meeting``, writes the difference, posts its notices, appends its
/// audit entry and wakes live streams.
public struct MeetingStore: Sendable {
    /// What to list; every filter is optional.
    public struct Filter: Sendable, Hashable {
        public var status: MeetingStatus?
        public var kind: MeetingKind?
        public var jurisdictionCode: String?
        /// Only meetings after this one (the last of a previous page) in the listing's order.
        public var after: UUID?
        public var limit: Int

        public init(
            status: MeetingStatus? = nil, kind: MeetingKind? = nil, jurisdictionCode: String? = nil, after: UUID? = nil,
            limit: Int = 100
        ) {
            self.status = status
            self.kind = kind
            self.jurisdictionCode = jurisdictionCode
            self.after = after
            self.limit = limit
        }
    }

    /// A year in which a county-level jurisdiction's leading group did not meet.
    public struct ComplianceGap: Sendable, Hashable {
        public var year: Int
        public var jurisdiction: Jurisdiction
    }

    let database: Database
    let clock: any CoordinationClock
    /// The zone of the times its notices name.
    let localTime: LocalTime

    public init(database: Database, clock: any CoordinationClock, localTime: LocalTime = .county) {
        self.database = database
        self.clock = clock
        self.localTime = localTime
    }

    /// The meeting `id` as `caller` may see it; `notFound` if it does not exist or is not visible.
    public func meeting(_ id: UUID, as caller: Caller) async throws(CoordinationError) -> Meeting {
        try await database.transaction(scope: AccessScope(Reader(caller))) { [logger = database.logger] connection in
            try await Self.load(id, visibleTo: caller, on: connection, logger: logger)
        }
    }

    /// The meeting's version, if it exists and `caller` may see it: cheap enough to poll on
    /// every wake-up.
    public func version(of id: UUID, as caller: Caller) async throws(CoordinationError) -> Int64? {
        try await database.transaction(scope: AccessScope(Reader(caller))) { [logger = database.logger] connection in
            let rows = try await connection.query("SELECT version FROM coord.meeting WHERE id = \(id)", logger: logger)
            for try await version in rows.decode(Int64.self) { return version }
            return nil
        }
    }

    /// Up to `filter.limit` meetings `caller` may see matching `filter`, latest scheduled start
    /// first, and whether more follow.
    public func list(_ filter: Filter, as caller: Caller) async throws(CoordinationError) -> (meetings: [Meeting], more: Bool) {
        let confinedTo = Reader(caller).confinedTo
        return try await database.transaction(scope: AccessScope(Reader(caller))) { [logger = database.logger] connection in
            let rows = try await connection.query(
                """
                SELECT m.id FROM coord.meeting m
                WHERE (\(confinedTo)::text IS NULL OR EXISTS (
                        SELECT 1 FROM coord.meeting_invitee i
                        WHERE i.meeting_id = m.id AND i.department_code = \(confinedTo)))
                  AND (\(filter.status?.rawValue)::text IS NULL OR m.status = \(filter.status?.rawValue))
                  AND (\(filter.kind?.rawValue)::text IS NULL OR m.kind = \(filter.kind?.rawValue))
                  AND (\(filter.jurisdictionCode)::text IS NULL OR m.jurisdiction_code = \(filter.jurisdictionCode))
                  AND (\(filter.after)::uuid IS NULL
                       OR (m.starts_at, m.id) < (SELECT p.starts_at, p.id FROM coord.meeting p WHERE p.id = \(filter.after)))
                ORDER BY m.starts_at DESC, m.id DESC
                LIMIT \(filter.limit + 1)
                """, logger: logger)
            var ids: [UUID] = []
            for try await id in rows.decode(UUID.self) { ids.append(id) }
            let meetings = try await Self.load(Array(ids.prefix(filter.limit)), on: connection, logger: logger)
            return (meetings.filter { Disclosure.shows($0, to: Reader(caller)) }, ids.count > filter.limit)
        }
    }

    /// Every (year, county-level jurisdiction) in `years` without a closed leading-group
    /// meeting scheduled to start in that year (UTC), by year then jurisdiction code, among the
    /// meetings `caller` may see.
    public func leadingGroupGaps(
        in years: ClosedRange<Int>, as caller: Caller
    ) async throws(CoordinationError) -> [ComplianceGap] {
        try await database.transaction(scope: AccessScope(Reader(caller))) { [logger = database.logger] connection in
            let rows = try await connection.query(
                """
                SELECT y, j.code, j.name_zh, j.name_en, j.level, j.parent_code
                FROM coord.jurisdiction j
                CROSS JOIN generate_series(\(years.lowerBound)::int, \(years.upperBound)::int) AS y
                WHERE j.level = \(Int16(JurisdictionLevel.county.rawValue))
                  AND NOT EXISTS (
                    SELECT 1 FROM coord.meeting m
                    WHERE m.jurisdiction_code = j.code AND m.kind = \(MeetingKind.leadingGroup.rawValue)
                      AND m.status = \(MeetingStatus.closed.rawValue)
                      AND m.starts_at >= make_timestamptz(y, 1, 1, 0, 0, 0, 'UTC')
                      AND m.starts_at < make_timestamptz(y + 1, 1, 1, 0, 0, 0, 'UTC'))
                ORDER BY y, j.code
                """, logger: logger)
            var gaps: [ComplianceGap] = []
            for try await (year, code, nameZh, nameEn, level, parent) in rows.decode(
                (Int, String, String, String, Int16, String?).self)
            {
                gaps.append(ComplianceGap(year: year, jurisdiction: Jurisdiction(
                    code: code, nameZh: nameZh, nameEn: nameEn, level: JurisdictionLevel(rawValue: Int(level)) ?? .county,
                    parentCode: parent)))
            }
            return gaps
        }
    }
}
