import Hummingbird
import NIOCore

/// The mapper playground at `/ui` (SPEC §10): a page, a script and a style sheet compiled into
/// the binary (`resources: .embedInCode` in Package.swift), so it works offline, with no build
/// step and no file beside the binary to lose.
///
/// The page itself holds no data: everything it shows comes from the admin API, and it sits
/// behind the same gate, challenging with `Basic` so a browser asks for the admin token.
enum PlaygroundPages {
    /// One file of the page: its bytes and content type.
    struct Asset: Sendable {
        var bytes: [UInt8]
        var contentType: String
    }

    /// The files under `/ui/`, by name.
    static let assets: [String: Asset] = [
        "app.js": Asset(bytes: PackageResources.app_js, contentType: "text/javascript; charset=utf-8"),
        "app.css": Asset(bytes: PackageResources.app_css, contentType: "text/css; charset=utf-8"),
    ]

    static let page = Asset(bytes: PackageResources.index_html, contentType: "text/html; charset=utf-8")

    /// Adds `GET /ui` and `GET /ui/{file}` behind the admin gate.
    static func addRoutes(to router: Router<IntakeRequestContext>, token: String?) {
        let group = router.group("/ui").add(middleware: AdminGate(token: token, challenge: "Basic"))
        group.get { _, _ in response(page) }
        group.get("/:file") { _, context in
            guard let asset = assets[try context.parameters.require("file")] else {
                throw IngestError(.notFound, "No such playground file.")
            }
            return response(asset)
        }
    }

    private static func response(_ asset: Asset) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: asset.contentType,
                // The page answers what the admin API answers: never from a shared cache.
                .cacheControl: "no-store",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }
}
