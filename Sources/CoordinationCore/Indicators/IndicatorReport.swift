import Foundation

/// A department's figures for one indicator, jurisdiction and period; a re-report replaces
/// them and raises the revision.
public struct IndicatorReport: Sendable, Hashable {
    public var indicatorCode: String
    public var jurisdictionCode: String
    public var period: ReportingPeriod
    public var numerator: Int64
    public var denominator: Int64
    /// 1 for the first report, then one more for each re-report.
    public var revision: Int
    /// The reporting certificate's common name.
    public var reportedBy: String
    public var reportedAt: Date

    public init(
        indicatorCode: String, jurisdictionCode: String, period: ReportingPeriod, numerator: Int64, denominator: Int64,
        revision: Int = 1, reportedBy: String = "", reportedAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.indicatorCode = indicatorCode
        self.jurisdictionCode = jurisdictionCode
        self.period = period
        self.numerator = numerator
        self.denominator = denominator
        self.revision = revision
        self.reportedBy = reportedBy
        self.reportedAt = reportedAt
    }
}
