import Foundation
import Synchronization

/// A closed-loop HTTP load generator: `connections` threads, each with one keep-alive connection,
/// sending the next request as soon as the previous response arrives, until the time is up.
enum HTTPLoad {
    /// What a load run achieved.
    struct Result: Sendable {
        /// Responses with a 2xx status.
        var succeeded: Int
        /// Responses with another status, and connection failures.
        var failed: Int
        /// Status codes seen, with counts.
        var statuses: [Int: Int]
        /// Wall-clock seconds from the first request to the last response (or failure).
        var seconds: Double
        /// Latency of every 2xx exchange, nanoseconds.
        var latencies: LatencySample
        /// The first failure's description (status and body prefix, or the I/O error), if any.
        var firstFailure: String?

        /// Successful requests per second.
        var requestsPerSecond: Double { seconds > 0 ? Double(succeeded) / seconds : 0 }
    }

    /// Builds the bytes of request number `index` sent on connection `connection`.
    typealias RequestFactory = @Sendable (_ connection: Int, _ index: Int) -> [UInt8]

    /// Runs the load on dedicated threads (not the Swift concurrency pool) and returns when every thread ended.
    static func run(port: UInt16, connections: Int, seconds: Double, request: @escaping RequestFactory) async -> Result {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: runBlocking(port: port, connections: connections, seconds: seconds, request: request))
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    private struct Partial: Sendable {
        var succeeded = 0
        var failed = 0
        var statuses: [Int: Int] = [:]
        var latencies = LatencySample()
        var firstFailure: String?
        var lastResponseAt: UInt64 = 0
    }

    private static func runBlocking(port: UInt16, connections: Int, seconds: Double, request: @escaping RequestFactory) -> Result {
        let results = Mutex<[Partial]>([])
        let group = DispatchGroup()
        let start = MonotonicTime.nanoseconds()
        let deadline = start + UInt64(seconds * 1e9)
        for connectionIndex in 0..<connections {
            group.enter()
            let thread = Thread {
                let partial = drive(
                    port: port, connection: connectionIndex, deadline: deadline,
                    responseTimeout: max(10, 2 * seconds), request: request)
                results.withLock { $0.append(partial) }
                group.leave()
            }
            thread.stackSize = 256 << 10
            thread.start()
        }
        group.wait()
        let partials = results.withLock { $0 }
        var result = Result(succeeded: 0, failed: 0, statuses: [:], seconds: 0, latencies: LatencySample(), firstFailure: nil)
        var lastResponse = start
        for partial in partials {
            result.succeeded += partial.succeeded
            result.failed += partial.failed
            result.statuses.merge(partial.statuses, uniquingKeysWith: +)
            result.latencies.merge(partial.latencies)
            result.firstFailure = result.firstFailure ?? partial.firstFailure
            lastResponse = max(lastResponse, partial.lastResponseAt)
        }
        result.seconds = Double(lastResponse - start) / 1e9
        return result
    }

    /// One connection's closed loop. A failed connection is reopened once per failure, so a server
    /// that closes connections still gets load, and every failure is counted. A response that takes
    /// longer than `responseTimeout` seconds counts as a failure, which bounds the row's duration.
    private static func drive(
        port: UInt16, connection: Int, deadline: UInt64, responseTimeout: Double, request: RequestFactory
    ) -> Partial {
        var partial = Partial()
        var client: HTTPConnection?
        var index = 0
        while MonotonicTime.nanoseconds() < deadline {
            do {
                if client == nil { client = try HTTPConnection(port: port, timeoutSeconds: responseTimeout) }
                let bytes = request(connection, index)
                index += 1
                let began = MonotonicTime.nanoseconds()
                let response = try client!.exchange(bytes)
                let ended = MonotonicTime.nanoseconds()
                partial.lastResponseAt = ended
                partial.statuses[response.status, default: 0] += 1
                if (200..<300).contains(response.status) {
                    partial.succeeded += 1
                    partial.latencies.record(ended - began)
                } else {
                    partial.failed += 1
                    if partial.firstFailure == nil {
                        partial.firstFailure = "HTTP \(response.status): \(String(decoding: response.body.prefix(300), as: UTF8.self))"
                    }
                }
            } catch {
                partial.lastResponseAt = MonotonicTime.nanoseconds()
                partial.failed += 1
                partial.firstFailure = partial.firstFailure ?? "\(error)"
                client?.close()
                client = nil
                // Do not spin on a refused connection.
                usleep(10_000)
            }
        }
        client?.close()
        return partial
    }
}
