// swift-tools-version: 6.0
// A Swift step package (SPEC §11): steps conforming to Intake's `Step` protocol, handed to the
// engine in a registry. It depends on Intake's `Transforms` library only, by path, so the
// example always builds against the Intake beside it.
import PackageDescription

let package = Package(
    name: "TicketSteps",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "TicketSteps", targets: ["TicketSteps"])
    ],
    dependencies: [
        .package(name: "intake", path: "../..")
    ],
    targets: [
        .target(name: "TicketSteps", dependencies: [.product(name: "Transforms", package: "intake")]),
        .testTarget(
            name: "TicketStepsTests",
            dependencies: ["TicketSteps", .product(name: "Transforms", package: "intake")]
        ),
    ]
)
