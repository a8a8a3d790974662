// swift-tools-version:6.1
import PackageDescription

/// Strict settings applied to every target in one place.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "screening",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "LogCrypto", targets: ["LogCrypto"]),
        .library(name: "EventLog", targets: ["EventLog"]),
        .library(name: "ScreeningDomain", targets: ["ScreeningDomain"]),
        .executable(name: "verify", targets: ["verify"]),
        // --- bench (owner: bench) ---
        .executable(name: "bench", targets: ["bench"]),
        // --- end bench ---
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
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
                "CSQLite",
                "verify",
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
    ],
    swiftLanguageModes: [.v6]
)
