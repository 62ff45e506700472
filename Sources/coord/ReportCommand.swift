import ArgumentParser
import CoordinationAPI
import CoordinationReport
import Foundation

/// `coord report`: the evaluation report (督导评估) a leading group reads, as Markdown and as
/// a self-contained HTML page with charts.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: tr("Write the year's evaluation report: indicator attainment, tasks, departments."),
        discussion: tr("Needs a coordinator's certificate. Writes <out>/evaluation-<jurisdiction>-<year>.md and .html (self-contained: open it in a browser or print it on A4; ops/render-report makes a PDF and a PNG of it). Written in --lang, times in --tz. Indicators are judged at --jurisdiction against the target step that applies to the year (marked ※ when the targets ran out before it); the trend runs from the baseline, or two years before, to the year. Tasks are those due in the year within the jurisdiction."))
    @OptionGroup var connection: ConnectionOptions
    @Option(help: .tr("The year evaluated.")) var year: Int
    @Option(help: .tr("The jurisdiction evaluated (county level, as a rule).")) var jurisdiction: String
    @Option(help: .tr("Folder to write the report into.")) var out: String = "."

    func validate() throws {
        guard (1000...9999).contains(year) else { throw ValidationError(tr("--year must be a four-digit year")) }
    }

    func run() async throws {
        let (year, jurisdiction) = (self.year, self.jurisdiction)
        let report = try await connection.withClient { client in
            try await ReportSource(client: client, year: year, jurisdiction: jurisdiction).report()
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let base = URL(fileURLWithPath: out).appendingPathComponent("evaluation-\(jurisdiction)-\(year)")
        let markdown = base.appendingPathExtension("md")
        let html = base.appendingPathExtension("html")
        let (language, time) = (CLILanguage.current, CLITime.current)
        try MarkdownReport.render(report, language: language, time: time).write(to: markdown, atomically: true, encoding: .utf8)
        try HTMLReport.render(report, language: language, time: time).write(to: html, atomically: true, encoding: .utf8)
        print(tr("wrote \(markdown.path)"))
        print(tr("wrote \(html.path)"))
    }
}
