// swift-tools-version:6.1
// libFuzzer targets for textgate, in a package of their own so that they never enter the main
// build: `make fuzz` builds them with `-sanitize=fuzzer,address` in `.build-fuzz` and runs each
// for FUZZ_SECONDS. Each target is one executable whose `main` hands its test function to libFuzzer's driver.
import PackageDescription


let package = Package(
    name: "textgate-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "textgate", path: "..")],
    targets: [
        .target(name: "CFuzzerDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzerDriver"]),
        .executableTarget(
            name: "fuzz-rule-loader",
            dependencies: ["FuzzSupport", .product(name: "Rules", package: "textgate")]
        ),
        .executableTarget(
            name: "fuzz-check",
            dependencies: ["FuzzSupport", .product(name: "Rules", package: "textgate")]
        ),
        .executableTarget(
            name: "fuzz-links",
            dependencies: ["FuzzSupport", .product(name: "Matching", package: "textgate")]
        ),
        .executableTarget(
            name: "fuzz-lint-catalog",
            dependencies: [
                "FuzzSupport",
                .product(name: "Linting", package: "textgate"),
                .product(name: "Rules", package: "textgate"),
            ]
        ),
        .executableTarget(
            name: "fuzz-inbound",
            dependencies: ["FuzzSupport", .product(name: "OptOut", package: "textgate")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
