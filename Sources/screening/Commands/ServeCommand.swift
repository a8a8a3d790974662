import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Hummingbird
import Logging
import ScreeningApp
import ScreeningHTTP

/// `screening serve`: the HTTP API over the store, built by the same function the tests use.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the HTTP API over the store (Ctrl-C stops it cleanly).")

    @Option(help: "The address to bind (loopback by default).")
    var host = "127.0.0.1"

    @Option(help: "The TCP port.")
    var port = 8080

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let service: ScreeningService
        do throws(AppError) {
            service = try await ScreeningService.open(try store.configurationForServe())
        } catch {
            throw Terminal.report(error)
        }
        // Subjects are folded on first use; fold the rest while the server already answers.
        service.warmUp()
        let http = HTTPConfiguration(host: host, port: port, logger: Logger(label: "screening.http"))
        _ = MetricsBootstrap.bootstrapOnce(registry: http.metrics)
        print("Serving \(service.configuration.storeDirectory.path) on http://\(host):\(port) (entries: \(service.logSize)). Ctrl-C stops.")
        // Standard output is block-buffered when redirected; show the line now, not at exit
        // (nil flushes every output stream; the C global `stdout` is not concurrency-safe in Swift 6).
        fflush(nil)
        do {
            try await buildApplication(service: service, configuration: http).runService()
        } catch {
            await service.close()
            throw error
        }
        await service.close()
    }
}

extension StoreOptions {
    /// The configuration, with a usage error surfaced as an `AppError` for `serve`.
    func configurationForServe() throws(AppError) -> AppConfiguration {
        do {
            return try configuration()
        } catch {
            throw AppError.malformed("option.invalid", "\(error)")
        }
    }
}
