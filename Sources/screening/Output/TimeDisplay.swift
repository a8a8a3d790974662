import EventLog
import ScreeningDomain

/// Shows log instants (stored in UTC) in the site's zone with its offset, or in UTC.
struct TimeDisplay {
    var site: SiteCalendar
    var utc: Bool

    /// `2026-11-05 09:00:40 +08:00` (site) or `2026-11-05 01:00:40 UTC`, from a stored `at` string.
    func show(_ stored: String?) -> String {
        guard let stored, let instant = Timestamp(formatted: stored) else { return stored ?? "" }
        return show(instant)
    }

    func show(_ instant: Timestamp) -> String {
        if utc {
            let text = instant.formatted
            return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(8)) + " UTC"
        }
        let local = site.localTimestampString(instant)  // 2026-11-05T09:00:40.000000+08:00
        return String(local.prefix(10)) + " " + String(local.dropFirst(11).prefix(8)) + " " + String(local.suffix(6))
    }
}
