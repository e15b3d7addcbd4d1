// swift-tools-version: 6.0
import PackageDescription

/// Upcoming language features on in every target, as Hummingbird and swift-nio do, so the code
/// already reads the way the next language mode requires.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "intake",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "intake", targets: ["intake"]),
        .library(name: "Transforms", targets: ["Transforms"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swiftwasm/WasmKit", from: "0.4.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        .target(
            name: "Transforms",
            dependencies: ["CYAML", "CPCRE2"],
            swiftSettings: swiftSettings
        ),
        // The WebAssembly step runtime (SPEC §11): host-side, so the engine stays free of it.
        .target(
            name: "Plugins",
            dependencies: ["Transforms", .product(name: "WasmKit", package: "WasmKit")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Host",
            dependencies: [
                "Transforms", "Plugins",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            // The playground's page, compiled into the binary (no file to ship beside it).
            resources: [
                .embedInCode("Playground/ui/index.html"),
                .embedInCode("Playground/ui/app.js"),
                .embedInCode("Playground/ui/app.css"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "intake", dependencies: ["Host"], swiftSettings: swiftSettings),
        .executableTarget(name: "intake-bench", dependencies: ["Transforms"], path: "Benchmarks/Sources/IntakeBench", swiftSettings: swiftSettings),
        .executableTarget(
            name: "intake-plugin-bench", dependencies: ["Plugins", "Transforms"], path: "Benchmarks/Sources/PluginBench",
            swiftSettings: swiftSettings),
        // libFuzzer targets (scripts/fuzz.sh); an ordinary build makes them a replay tool.
        .executableTarget(name: "intake-fuzz", dependencies: ["Transforms"], path: "Fuzz/Sources", swiftSettings: swiftSettings),
        .testTarget(name: "TransformsTests", dependencies: ["Transforms"], swiftSettings: swiftSettings),
        .testTarget(
            name: "HostTests",
            dependencies: [
                "Host", "Transforms", "Plugins",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
