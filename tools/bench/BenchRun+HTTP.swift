import EventLog
import Foundation
import Glibc
import ScreeningDomain

extension BenchRun {
    /// Connections the HTTP rows use.
    static let httpConnections = 64

    /// Row 4: subject-state GET and assessment POST at 64 keep-alive connections against
    /// `screening serve` running as a child process over the large store.
    func runHTTP() async throws {
        let store = try await largeStore()
        let logs = try directory("http")
        let port = try LoopbackPort.free()
        let server = try ChildProcess.spawn(
            try SiblingExecutable.path("screening"),
            [
                "serve", "--store", store.configuration.storeDirectory.path,
                "--secrets", store.configuration.secretsDirectory.path, "--port", String(port),
            ],
            standardOutput: logs + "/serve.out", standardError: logs + "/serve.err")
        do {
            try await measureHTTP(store: store, server: server, port: port)
        } catch {
            _ = server.terminate(graceSeconds: 30)
            throw error
        }
        let serverPeak = server.peakResidentBytes()
        let end = server.terminate(graceSeconds: 30)
        note(
            "HTTP: `screening serve` ran as a child process over the large store on 127.0.0.1:\(port); the load "
                + "generator is this process: \(Self.httpConnections) threads, each with one keep-alive HTTP/1.1 "
                + "connection over a POSIX socket, sending the next request as soon as the previous response arrived, "
                + "for \(Formatting.fixed(settings.seconds, 0)) s per row. Every request carries the coordinator's bearer "
                + "token; every POST a fresh Idempotency-Key. Server and client share the machine's "
                + "\(ProcessInfo.processInfo.activeProcessorCount) cores. The server's peak RSS (VmHWM) was "
                + "\(serverPeak.map(Formatting.mebibytes) ?? "unknown") and it used \(Formatting.fixed(end.cpuSeconds, 1)) CPU s"
                + (end.signal == SIGKILL ? "; it did not stop within 30 s of SIGTERM and was killed." : "."))
    }

    private func measureHTTP(store: LargeStore, server: ChildProcess, port: UInt16) async throws {
        let opened = try await waitUntilHealthy(port: port, server: server, timeoutSeconds: 600)
        add(ReportRow(
            group: .http, name: "screening serve ready",
            result: Formatting.seconds(opened),
            notes: "from spawn to the first 200 from GET /healthz (opens the \(Formatting.grouped(Double(store.events)))-event store)"))
        let token = try login(port: port, user: SyntheticScreening.coordinator.id)
        let host = "127.0.0.1:\(port)"
        let subjects = store.subjects

        let get = await HTTPLoad.run(port: port, connections: Self.httpConnections, seconds: settings.seconds) { connection, index in
            var random = SplitMix64(seed: UInt64(connection) << 32 | UInt64(index))
            let number = SyntheticScreening.screeningNumber(Int(random.next() % UInt64(subjects)))
            return Array(
                "GET /v1/subjects/\(number) HTTP/1.1\r\nHost: \(host)\r\nAuthorization: Bearer \(token)\r\n\r\n".utf8)
        }
        try addHTTPRow(get, name: "GET /v1/subjects/{n} (subject state)", target: nil)

        // Each POST must be a valid new observation: the domain refuses a second value for an
        // input unless its sample date is strictly later. So every connection owns its own
        // subjects (requests on one connection are sequential), rotates through four labs, and
        // moves the sample date one day on per round - starting the day after screening, for
        // subjects screened at least 40 days before the synthetic data's last screening date.
        let screening = try SyntheticScreening()
        let latest = screening.lastScreeningDate.adding(days: -40)
        let open = store.openSubjects.compactMap { number -> (number: String, screened: LocalDate)? in
            let index = Int(number.dropFirst(2))! - 1
            let screened = screening.plan(subject: index, of: subjects).registered.screeningDate
            return screened <= latest ? (number, screened) : nil
        }
        guard !open.isEmpty else { throw BenchError(code: "http.no_open_subjects", reason: "the store has no subject still in screening") }
        let labs = [("ast", "U/L", "40"), ("alt", "U/L", "40"), ("total_bilirubin", "umol/L", "21"), ("lipase", "U/L", "60")]
        let connections = Self.httpConnections
        let post = await HTTPLoad.run(port: port, connections: connections, seconds: settings.seconds) { connection, index in
            let owned = stride(from: connection % open.count, to: open.count, by: connections).map { open[$0] }
            let subject = owned[index % owned.count]
            let visit = index / owned.count
            let (input, unit, uln) = labs[visit % labs.count]
            let observed = subject.screened.adding(days: 1 + visit / labs.count).iso
            let body = Array(
                (#"{"input":"\#(input)","value":{"number":"\#(10 + index % 25)"},"unit":"\#(unit)","uln":"\#(uln)","observedOn":"\#(observed)","#
                    + #""sourceDocument":"LIS repeat \#(subject.number)-\#(connection)-\#(index)"}"#).utf8)
            let head =
                "POST /v1/subjects/\(subject.number)/assessments HTTP/1.1\r\nHost: \(host)\r\nAuthorization: Bearer \(token)\r\n"
                + "Idempotency-Key: bench-\(connection)-\(index)\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
            return Array(head.utf8) + body
        }
        try addHTTPRow(
            post, name: "POST /v1/subjects/{n}/assessments",
            target: (goal: ">= 3,000 POST/s, p99 <= 50 ms", check: { rate, p99 in rate >= 3_000 && p99 <= 50 }))
    }

    private func addHTTPRow(
        _ result: HTTPLoad.Result, name: String, target: (goal: String, check: (Double, Double) -> Bool)?
    ) throws {
        // A row with no successful response is still a measurement (0 req/s), not a bench failure.
        let latency = result.latencies.p50p99Milliseconds()
        var notes = "\(Formatting.grouped(Double(result.succeeded))) 2xx responses in \(Formatting.seconds(result.seconds)) at \(Self.httpConnections) connections"
        if result.failed > 0 {
            let statuses = result.statuses.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            notes += "; \(result.failed) failed" + (statuses.isEmpty ? "" : " (statuses \(statuses))")
                + "; first: \(result.firstFailure ?? "")"
        }
        add(ReportRow(
            group: .http, name: name, result: "\(Formatting.grouped(result.requestsPerSecond)) req/s",
            p50: latency?.p50, p99: latency?.p99, notes: notes,
            target: target.map { target in
                TargetCheck(
                    goal: target.goal, met: result.failed == 0 && target.check(result.requestsPerSecond, latency?.p99 ?? .infinity),
                    measured: "\(Formatting.grouped(result.requestsPerSecond)) req/s, p99 \(Formatting.milliseconds(latency?.p99)) ms")
            }))
    }

    /// Polls GET /healthz until it answers 200; returns the seconds since the server was spawned.
    private func waitUntilHealthy(port: UInt16, server: ChildProcess, timeoutSeconds: Double) async throws -> Double {
        let request = Array("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n".utf8)
        let deadline = MonotonicTime.nanoseconds() + UInt64(timeoutSeconds * 1e9)
        while MonotonicTime.nanoseconds() < deadline {
            if server.hasExited() {
                throw BenchError(code: "http.server_exited", reason: "screening serve exited: \(server.standardError().suffix(800))")
            }
            if let connection = try? HTTPConnection(port: port, timeoutSeconds: 5),
                let response = try? connection.exchange(request), response.status == 200
            {
                return MonotonicTime.seconds(since: server.startedAt)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw BenchError(code: "http.not_ready", reason: "screening serve did not answer /healthz within \(Int(timeoutSeconds)) s")
    }

    /// Logs `user` in and returns the bearer token.
    private func login(port: UInt16, user: String) throws -> String {
        let body = Array(#"{"userId":"\#(user)","password":"\#(LargeStore.password)"}"#.utf8)
        let request = Array(
            "POST /v1/login HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n".utf8)
            + body
        let response = try HTTPConnection(port: port).exchange(request)
        guard response.status == 200, let json = try? JSONValue.parse(response.body), let token = json["token"]?.stringValue else {
            throw BenchError(code: "http.login", reason: "login answered \(response.status): \(String(decoding: response.body.prefix(300), as: UTF8.self))")
        }
        return token
    }
}
