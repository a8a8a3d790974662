import EventLog

/// Reads every entry of a store in order (wired to LogReader once the store lands).
enum LogScan {
    static func forEachEntry(in location: StoreLocation, _ body: (LogEntry) throws -> Void) throws {
    }
}
