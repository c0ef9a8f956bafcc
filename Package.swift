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
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
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
        .executableTarget(
            name: "textgate",
            dependencies: [
                "Rules", "Reporting", "Matching", "Linting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "textgate-bench",
            dependencies: ["Rules", "Matching", "CPCRE2"],
            path: "Benchmarks/textgate-bench"
        ),
        .testTarget(name: "MatchingTests", dependencies: ["Matching"]),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "Matching"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "Rules"]),
        .testTarget(name: "LintingTests", dependencies: ["Linting", "Rules"]),
        .testTarget(name: "CLITests", dependencies: ["textgate"]),
    ],
    swiftLanguageModes: [.v6]
)
