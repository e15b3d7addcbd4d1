// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "intake",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "intake", targets: ["intake"]),
        .library(name: "Transforms", targets: ["Transforms"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
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
            dependencies: ["CYAML", "CPCRE2"]
        ),
        .target(
            name: "Host",
            dependencies: [
                "Transforms",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(name: "intake", dependencies: ["Host"]),
        .executableTarget(name: "intake-bench", dependencies: ["Transforms"], path: "Benchmarks/Sources/IntakeBench"),
        .testTarget(name: "TransformsTests", dependencies: ["Transforms"]),
        .testTarget(name: "HostTests", dependencies: ["Host", "Transforms"]),
    ]
)
