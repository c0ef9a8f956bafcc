// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "textgate",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "textgate", targets: ["textgate"]),
        .library(name: "Matching", targets: ["Matching"]),
        .library(name: "Rules", targets: ["Rules"]),
        .library(name: "Reporting", targets: ["Reporting"]),
        .library(name: "Linting", targets: ["Linting"]),
        // For the fuzz targets in Fuzz/, which reach the inbound parser through it.
        .library(name: "OptOut", targets: ["OptOut"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        .target(name: "Matching", dependencies: ["CPCRE2"]),
        .target(
            name: "Rules",
            dependencies: [
                "Matching",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "Reporting", dependencies: ["Rules", "Matching"]),
        .target(
            name: "Linting",
            dependencies: [
                "Rules", "Matching",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(name: "Storage", dependencies: [.product(name: "Logging", package: "swift-log")]),
        .target(
            name: "StorageSQLite",
            dependencies: ["Storage", .product(name: "SQLiteNIO", package: "sqlite-nio")]
        ),
        .target(
            name: "StoragePostgres",
            dependencies: [
                "Storage",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Opens the store a --db value names: an SQLite path or a postgres:// URL.
        .target(name: "Stores", dependencies: ["Storage", "StorageSQLite", "StoragePostgres"]),
        .target(name: "OptOut", dependencies: ["Storage"]),
        // Reads keywords/*.yml and writes the built-in keywords' Swift source; used by the
        // generator and by the test that the generated file is current.
        .target(name: "KeywordSource", dependencies: ["OptOut", .product(name: "Yams", package: "Yams")]),
        .executableTarget(name: "textgate-keywords", dependencies: ["KeywordSource", "OptOut"]),
        // Compiles rules/ into the built-in rules' Swift source (`make generate`).
        .executableTarget(name: "textgate-builtin-rules", dependencies: ["Rules"]),
        .target(
            name: "SecureLinks",
            dependencies: [
                "Storage",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Messaging",
            dependencies: [
                "Storage", "Rules", "Reporting", "OptOut", "Matching",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(
            name: "Server",
            dependencies: [
                "Rules", "Reporting", "Matching", "Linting", "Messaging", "OptOut", "Storage", "SecureLinks",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            resources: [.copy("Resources/openapi.yaml"), .copy("Resources/pages")]
        ),
        .executableTarget(
            name: "textgate",
            dependencies: [
                "Rules", "Reporting", "Matching", "Linting", "Server", "Storage", "StorageSQLite", "StoragePostgres", "Stores", "OptOut", "Messaging", "SecureLinks",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            // Release links pack the relative relocations (DT_RELR, glibc 2.36 or later; LLVM's
            // lld, which the Swift toolchain ships, writes them): megabytes of relocation
            // records that every process start would read shrink to kilobytes, and the CLI's
            // resident set with them (BENCHMARKS.md).
            linkerSettings: [
                .unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"], .when(platforms: [.linux], configuration: .release)),
            ]
        ),
        .executableTarget(
            name: "textgate-bench",
            dependencies: ["Rules", "Matching", "CPCRE2"],
            path: "Benchmarks/textgate-bench"
        ),
        // The bare Hummingbird JSON route `make bench-service` measures textgate against.
        .executableTarget(
            name: "service-bench",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "Benchmarks/service-bench"
        ),
        .testTarget(name: "MatchingTests", dependencies: ["Matching"]),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "Matching"]),
        // Shared by the test targets that write SARIF; not part of any product.
        .target(name: "SARIFSchemaCheck", path: "Tests/SARIFSchemaCheck"),
        // The throwaway PostgreSQL server of the store tests and the multi-instance serve tests.
        .target(name: "PostgresCluster", path: "Tests/PostgresCluster"),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "Rules", "SARIFSchemaCheck"]),
        .testTarget(name: "LintingTests", dependencies: ["Linting", "Rules"]),
        .testTarget(name: "OptOutTests", dependencies: ["OptOut", "Storage", "KeywordSource"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "StorageSQLite", "StoragePostgres", "Stores", "PostgresCluster",
                                                      .product(name: "PostgresNIO", package: "postgres-nio")]),
        .testTarget(name: "MessagingTests", dependencies: ["Messaging", "OptOut", "Storage", "StorageSQLite", "Rules"]),
        .testTarget(name: "CLITests", dependencies: ["textgate", "Linting", "SARIFSchemaCheck", "PostgresCluster", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "ServerTests", dependencies: ["Server", "Storage", "StorageSQLite", "Stores", "PostgresCluster", "Messaging", "OptOut", "Rules", .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "Yams", package: "Yams"), .product(name: "AsyncHTTPClient", package: "async-http-client")]),
    ],
    swiftLanguageModes: [.v6]
)
