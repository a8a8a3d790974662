import Foundation

/// The whole run: the rows, the machine, the conditions and the command that reproduces it,
/// rendered as a plain-text table for the terminal and as markdown for docs/performance.md.
struct PerformanceReport: Sendable {
    var rows: [ReportRow]
    var machine: MachineDescription
    /// The exact command that reproduces the run.
    var command: String
    /// When the run started and ended (UTC).
    var started: Date
    var finished: Date
    /// Load averages at the end of the run (the machine is shared).
    var loadAtEnd: String
    /// Method notes and findings, one paragraph each.
    var notes: [String]

    private static let headers = ["Row", "Result", "p50 ms", "p99 ms", "Target", "Verdict", "Notes"]

    private func cells(_ row: ReportRow) -> [String] {
        [
            row.name, row.result, Formatting.milliseconds(row.p50), Formatting.milliseconds(row.p99),
            row.target.map { "\($0.goal) (measured \($0.measured))" } ?? "", row.target?.verdict ?? "", row.notes,
        ]
    }

    /// The rows as an aligned plain-text table.
    func textTable() -> String {
        let table = [Self.headers] + rows.map(cells)
        var widths = Array(repeating: 0, count: Self.headers.count)
        for line in table {
            for (column, cell) in line.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func render(_ line: [String]) -> String {
            line.enumerated().map { column, cell in
                column == line.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        var out = render(Self.headers) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        var group: BenchGroup?
        for row in rows {
            if let group, group != row.group { out += "\n" }
            group = row.group
            out += render(cells(row)) + "\n"
        }
        return out
    }

    /// The report as markdown for docs/performance.md.
    func markdown() -> String {
        let iso = ISO8601DateFormatter()
        var out = "# Performance\n\n"
        out += "Measured by the side-by-side benchmark `tools/bench` in one run; this file is its output.\n\n"
        out += "## Reproduce\n\n```sh\n\(command)\n```\n\n"
        out += "## Machine\n\n"
        out += "| | |\n| --- | --- |\n"
        out += "| Processors (nproc) | \(machine.processors) |\n"
        out += "| CPU model | \(machine.cpuModel) |\n"
        out += "| Memory | \(machine.memoryDescription) |\n"
        out += "| Kernel | \(machine.kernel) |\n"
        out += "| Swift | \(machine.swiftVersion) |\n"
        out += "| Filesystem of the work directory | \(machine.workFilesystem) |\n"
        out += "| Run (UTC) | \(iso.string(from: started)) to \(iso.string(from: finished)) |\n"
        out += "| Load average (1/5/15 min) at start, end | \(machine.loadAverage); \(loadAtEnd) |\n\n"

        out += "## Targets\n\n"
        out += "| Target | Measured | Verdict |\n| --- | --- | --- |\n"
        for row in rows {
            guard let target = row.target else { continue }
            out += "| \(escape(row.name)): \(escape(target.goal)) | \(escape(target.measured)) | **\(target.verdict)** |\n"
        }
        out += "\n## Results\n\n"
        out += "| " + Self.headers.joined(separator: " | ") + " |\n"
        out += "|" + Self.headers.map { _ in " --- " }.joined(separator: "|") + "|\n"
        for row in rows {
            out += "| " + cells(row).map(escape).joined(separator: " | ") + " |\n"
        }
        if !notes.isEmpty {
            out += "\n## Method and findings\n\n"
            for note in notes { out += note + "\n\n" }
        }
        return out
    }

    private func escape(_ cell: String) -> String {
        cell.replacingOccurrences(of: "|", with: "\\|")
    }

    /// The line after which docs/performance.md is written by hand (analysis, profiles); the
    /// bench keeps everything from it on when it rewrites the measured part above.
    static let handWrittenMarker = "<!-- Written by hand below this line; the bench keeps it when it rewrites the file. -->"

    /// The hand-written part of an existing report, from the marker on, if it has one.
    static func handWrittenPart(of markdown: String) -> String? {
        markdown.range(of: handWrittenMarker).map { String(markdown[$0.lowerBound...]) }
    }
}
