extension VerificationReport {
    /// The report for a person: the key trusted, the saved checkpoint, recovered files, the
    /// failure if any, warnings, and a summary at the end. Lines end in "\n".
    public func renderedText() -> String {
        let summary = summary
        var lines: [String] = ["Store: \(summary.store)"]
        if summary.keyPinned {
            lines.append("Key: pinned \(summary.verifierKey ?? "(none)")")
        } else if let key = summary.verifierKey {
            lines.append("Key: NOT PINNED. Trusting the verifier key recorded in log.created (seq 0):")
            lines.append("  \(key)")
            lines.append("  Anyone able to rewrite the whole store could have replaced this key and re-signed")
            lines.append("  everything. Pin the key you obtained separately with --key or --key-file.")
        } else {
            lines.append("Key: NOT PINNED (no key was read: the log has no valid log.created entry)")
        }
        if let size = summary.savedCheckpointSize {
            lines.append("Saved checkpoint: the log extends it (size \(size)): no rollback.")
        }
        if !summary.recovered.isEmpty {
            let bytes = summary.recovered.reduce(Int64(0)) { $0 + $1.byteCount }
            lines.append(
                "Recovered: \(summary.recovered.count) file(s), \(bytes) bytes, in recovered/ were set aside by crash "
                    + "recovery; they are not part of the log. Each must match the log.recovered entry naming it:")
            lines += summary.recovered.map { file in
                let status =
                    if let seq = file.recordedBy {
                        "size and SHA-256 match log.recovered seq \(seq)"
                    } else if isIntact {
                        "no log.recovered entry names it (warning below)"
                    } else {
                        "not checked: verification stopped at the failure"
                    }
                return "  \(file.path) (\(file.byteCount) bytes): \(status)"
            }
        }
        lines.append("")
        if let failure {
            lines.append("FAILED: \(failure.location) [\(failure.check.rawValue)]")
            lines.append("  expected: \(failure.expected)")
            lines.append("  found:    \(failure.found)")
            lines.append("  \(failure.message)")
            lines.append("")
        }
        for warning in summary.warnings {
            let seq = warning.seq.map { " (seq \($0))" } ?? ""
            lines.append("WARNING: \(warning.file)\(seq) [\(warning.code.rawValue)]")
            lines.append("  \(warning.message)")
        }
        if !summary.warnings.isEmpty { lines.append("") }
        lines.append("Summary")
        lines.append("  result:      \(isIntact ? "INTACT" : "BROKEN")")
        lines.append("  entries:     \(summary.entries)\(isIntact ? "" : " verified before the failure")")
        lines.append(
            summary.subjectsExact
                ? "  subjects:    \(summary.subjects)"
                : "  subjects:    about \(summary.subjects) (estimated: too many to count exactly in bounded memory)")
        if let first = summary.firstAt, let last = summary.lastAt {
            lines.append("  time range:  \(first.formatted) to \(last.formatted)")
        } else {
            lines.append("  time range:  (none)")
        }
        lines.append("  head hash:   \(summary.headHash?.hex ?? "(none)")")
        lines.append("  root:        \(summary.root?.hex ?? "(none)")")
        if let size = summary.checkpointSize {
            lines.append("  checkpoint:  size \(size) (\(summary.checkpointsVerified) checkpoint(s) verified)")
        } else {
            lines.append("  checkpoint:  (none verified)")
        }
        lines.append("  elapsed:     \(Self.seconds(summary.elapsed)) s")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report as one JSON object (RFC 8785 canonical, one line, no trailing newline).
    ///
    /// Keys: `result` ("intact" or "broken"), `store`, `keyPinned`, `verifierKey`, `origin`,
    /// `entries`, `subjects`, `subjectsExact`, `firstAt`, `lastAt`, `headHash`, `root`, `checkpointSize`,
    /// `checkpointsVerified`, `savedCheckpointSize`, `recovered` ([{path, bytes, recordedBy}]),
    /// `warnings` ([{code, file, seq, message}]), `bytesRead`, `elapsedMicroseconds`, and `failure`
    /// ({check, file, line, seq, byteOffset, column, expected, found, message}) when broken.
    /// Absent values are `null`.
    public func renderedJSON() -> String {
        let summary = summary
        var object: [String: JSONValue] = [
            "result": .string(isIntact ? "intact" : "broken"),
            "store": .string(summary.store),
            "keyPinned": .bool(summary.keyPinned),
            "verifierKey": summary.verifierKey.map { .string($0) } ?? .null,
            "origin": summary.origin.map { .string($0) } ?? .null,
            "entries": .integer(summary.entries),
            "subjects": .integer(Int64(summary.subjects)),
            "subjectsExact": .bool(summary.subjectsExact),
            "firstAt": summary.firstAt.map { .string($0.formatted) } ?? .null,
            "lastAt": summary.lastAt.map { .string($0.formatted) } ?? .null,
            "headHash": summary.headHash.map { .string($0.hex) } ?? .null,
            "root": summary.root.map { .string($0.hex) } ?? .null,
            "checkpointSize": summary.checkpointSize.map { .integer($0) } ?? .null,
            "checkpointsVerified": .integer(Int64(summary.checkpointsVerified)),
            "savedCheckpointSize": summary.savedCheckpointSize.map { .integer($0) } ?? .null,
            "recovered": .array(
                summary.recovered.map { file in
                    .object([
                        "path": .string(file.path), "bytes": .integer(file.byteCount),
                        "recordedBy": file.recordedBy.map { .integer($0) } ?? .null,
                    ])
                }),
            "warnings": .array(
                summary.warnings.map { warning in
                    .object([
                        "code": .string(warning.code.rawValue), "file": .string(warning.file),
                        "seq": warning.seq.map { .integer($0) } ?? .null, "message": .string(warning.message),
                    ])
                }),
            "bytesRead": .integer(summary.bytesRead),
            "elapsedMicroseconds": .integer(Self.microseconds(summary.elapsed)),
            "failure": .null,
        ]
        if let failure {
            object["failure"] = .object([
                "check": .string(failure.check.rawValue),
                "file": .string(failure.file),
                "line": failure.line.map { .integer($0) } ?? .null,
                "seq": failure.seq.map { .integer($0) } ?? .null,
                "byteOffset": failure.byteOffset.map { .integer($0) } ?? .null,
                "column": failure.column.map { .integer(Int64($0)) } ?? .null,
                "expected": .string(failure.expected),
                "found": .string(failure.found),
                "message": .string(failure.message),
            ])
        }
        return JSONValue.object(object).canonicalString
    }

    static func microseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }

    /// Seconds with three decimals, e.g. "0.812".
    static func seconds(_ duration: Duration) -> String {
        let milliseconds = microseconds(duration) / 1000
        let fraction = String(milliseconds % 1000)
        return "\(milliseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}

extension VerificationProgress {
    /// One line for a terminal, e.g. "verified 1234567 entries, 412 of 830 MiB (49%)", no newline.
    public func renderedText() -> String {
        let mebibyte: Int64 = 1 << 20
        let percent = totalBytes > 0 ? min(100, bytesRead * 100 / totalBytes) : 100
        return "verified \(entries) entries, \(bytesRead / mebibyte) of \(totalBytes / mebibyte) MiB (\(percent)%)"
    }
}

extension VerificationError {
    /// The error as one JSON object, for `--json` callers: `{"result":"error","error":{code,reason,path}}`.
    public func renderedJSON() -> String {
        JSONValue.object([
            "result": "error",
            "error": .object([
                "code": .string(code), "reason": .string(reason), "path": path.map { .string($0) } ?? .null,
            ]),
        ]).canonicalString
    }
}
