// swift-tools-version:6.1
import PackageDescription

/// Strict settings applied to every target in one place.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "screening",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "LogCrypto", targets: ["LogCrypto"]),
        .library(name: "EventLog", targets: ["EventLog"]),
        .library(name: "ScreeningDomain", targets: ["ScreeningDomain"]),
        .executable(name: "verify", targets: ["verify"]),
        .library(name: "ScreeningHTTP", targets: ["ScreeningHTTP"]),
        // Application layer (owner "app"): the service both shells use, and the `screening` CLI.
        .library(name: "ScreeningApp", targets: ["ScreeningApp"]),
        .executable(name: "screening", targets: ["screening"]),
        // --- bench (owner: bench) ---
        .executable(name: "bench", targets: ["bench"]),
        // --- end bench ---
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // --- HTTP shell (owner: http) ---
        // Traits off: the server needs neither swift-configuration nor full Foundation.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // Test-only: reads docs/openapi.yaml to check it against the router's routes.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // --- end HTTP shell ---
    ],
    targets: [
        // The system OpenSSL (libcrypto). Only LogCrypto imports it.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // SHA-256, Ed25519, PEM, password hashing, random bytes: Swift types over libcrypto.
        .target(name: "LogCrypto", dependencies: ["COpenSSL"], swiftSettings: strictSettings),
        // The tamper-evident log: format v1 (JCS, entries, Merkle tree, signed checkpoints),
        // the file store and its writer, and verification.
        .target(name: "EventLog", dependencies: ["LogCrypto"], swiftSettings: strictSettings),
        // The screening domain: protocol definitions, rules, events, projections. Pure.
        .target(
            name: "ScreeningDomain",
            dependencies: ["EventLog"],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        // The auditor's verifier: the log library and argument parsing only.
        .executableTarget(
            name: "verify",
            dependencies: [
                "EventLog",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "tools/verify",
            swiftSettings: strictSettings
        ),
        // --- Application layer (owner "app"; swift-log and swift-metrics are declared above) ---
        // The one application layer both shells use: accounts, sessions, the command path,
        // idempotency, queries and the verify pass-through.
        .target(
            name: "ScreeningApp",
            dependencies: [
                "EventLog",
                "ScreeningDomain",
                "LogCrypto",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),
        // The `screening` command line: the composition root for both shells.
        .executableTarget(
            name: "screening",
            dependencies: [
                "ScreeningApp",
                "ScreeningHTTP",
                "EventLog",
                "ScreeningDomain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ScreeningAppTests",
            dependencies: ["ScreeningApp", "EventLog", "LogCrypto", "ScreeningDomain", "screening"],
            swiftSettings: strictSettings
        ),
        // --- end application layer ---
        // Crash-test helper: appends from many tasks and prints "ACK <seq>" until killed.
        .executableTarget(
            name: "log-crash-writer",
            dependencies: ["EventLog"],
            path: "tools/log-crash-writer",
            swiftSettings: strictSettings
        ),
        // --- bench (owner: bench) ---
        // The system SQLite, only for the benchmark's baseline.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // The side-by-side benchmark: `swift run -c release bench` measures and writes docs/performance.md.
        // It depends on the executables it runs as child processes, so they are built beside it.
        .executableTarget(
            name: "bench",
            dependencies: [
                "EventLog",
                "LogCrypto",
                "ScreeningDomain",
                "ScreeningApp",
                "CSQLite",
                "verify",
                "screening",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "tools/bench",
            swiftSettings: strictSettings
        ),
        // Runs the built bench binary with --smoke.
        .testTarget(name: "BenchTests", dependencies: ["bench"], swiftSettings: strictSettings),
        // --- end bench ---
        .testTarget(name: "LogCryptoTests", dependencies: ["LogCrypto"], swiftSettings: strictSettings),
        // Depends on the executables its end-to-end tests run, so they are built first.
        .testTarget(
            name: "EventLogTests",
            dependencies: ["EventLog", "LogCrypto", "log-crash-writer", "verify"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ScreeningDomainTests",
            dependencies: ["ScreeningDomain", "EventLog"],
            swiftSettings: strictSettings
        ),
        // --- HTTP shell (owner: http) ---
        // The HTTP API over the application layer: Hummingbird router, problem details, /metrics.
        .target(
            name: "ScreeningHTTP",
            dependencies: [
                "ScreeningApp",
                "EventLog",
                "LogCrypto",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ScreeningHTTPTests",
            dependencies: [
                "ScreeningHTTP",
                "ScreeningApp",
                "EventLog",
                "LogCrypto",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        // --- end HTTP shell ---
    ],
    swiftLanguageModes: [.v6]
)
