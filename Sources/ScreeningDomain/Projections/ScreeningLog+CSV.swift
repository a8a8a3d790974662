extension ScreeningLog {
    /// The CSV header row.
    public static let csvHeader = [
        "screening_number", "screening_date", "status", "eligible", "screen_failure", "criteria_not_met",
        "reason_text", "enrolment_date", "withdrawal_date",
    ]

    /// The log as CSV (RFC 4180, with a header row): `eligible` is `yes`, `no` or empty while
    /// undetermined; `criteria_not_met` lists criterion ids separated by `;`; dates are site-local.
    public func csv() -> String {
        var records = [Self.csvHeader]
        for row in rows {
            records.append([
                row.screeningNumber, row.screeningDate.iso, row.status.rawValue,
                row.eligible.map { $0 ? "yes" : "no" } ?? "", row.screenFailure?.rawValue ?? "",
                row.criteriaNotMet.joined(separator: ";"), row.reasonText ?? "", row.enrolledOn?.iso ?? "",
                row.withdrawnOn?.iso ?? "",
            ])
        }
        return CSV.document(records)
    }
}
