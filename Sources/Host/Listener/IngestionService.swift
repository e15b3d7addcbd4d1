import Foundation
import Hummingbird
import Logging
import Transforms

/// Turns ingestion requests into committed incidents (SPEC §4, §5, §8).
///
/// The order of checks is the contract: instance (`404`), headers-only auth (`401`, before a
/// byte of body is read), content type (`415`), size (`413`, while streaming), HMAC (`401`,
/// before parsing), body (`400`), mapping (`422` when the instance rejects), commit (`503`).
/// The `200` is written only after the store's commit has returned, so an acknowledged
/// payload is on disk.
package struct IngestionService: Sendable {
    package let store: any IncidentStore
    /// The instances, mappers and actions in force; a reload replaces them (SPEC §12).
    let live: LiveInstances
    /// Reloads the mappers on SIGHUP, `POST /api/reload` and `--watch`.
    let reloader: Reloader
    let logger: Logger
    /// The time a request is received; a parameter so tests can fix it.
    let now: @Sendable () -> Instant
    /// Bounds the log lines refused requests cause.
    let logThrottle = LogThrottle()

    /// The configuration in force: as `intake serve` read it, or as the last reload did (with
    /// the settings that need a restart kept as they started).
    package var configuration: IntakeConfiguration { live.current.configuration }

    /// The instances as of now. A request reads it once and keeps that snapshot to the end,
    /// so it maps with the chain it started with whatever reload happens meanwhile.
    var instances: [String: InstanceRuntime] { live.current.instances }

    /// The steps the instances' mappers were compiled with: an admin dry-run compiles a
    /// candidate mapper with the same.
    var steps: StepRegistry { live.current.steps }

    /// Builds every instance's chain over the compiled mappers folder.
    ///
    /// - Parameter variables: what `${NAME}` reads when a reload reads the configuration file
    ///   again: the process environment, as at start.
    /// - Throws: `SourceErrors` when a chain names an unknown mapper or type.
    package init(
        configuration: IntakeConfiguration, environment: IntakeEnvironment, store: any IncidentStore, mappers: CompiledMappers,
        now: @escaping @Sendable () -> Instant = IngestionService.currentInstant,
        variables: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SourceErrors) {
        self.store = store
        self.logger = environment.logger
        self.now = now
        var instances: [String: InstanceRuntime] = [:]
        for instance in configuration.instances {
            let chain = try environment.chain(for: instance, in: mappers, toleratesMissing: configuration.isEmbeddedDefault)
            instances[instance.name] = InstanceRuntime(
                instance, chain: chain.chain, limits: configuration.limits, actions: configuration.actions)
        }
        self.live = LiveInstances(
            LiveInstances.Generation(instances: instances, steps: mappers.steps, number: 1, configuration: configuration))
        self.reloader = Reloader(configuration: configuration, environment: environment, live: live, variables: variables)
    }

    /// The wall-clock time, to the millisecond.
    @Sendable package static func currentInstant() -> Instant {
        Instant(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// Handles `POST /instance/execute/{name}` (and the instance's own port).
    ///
    /// - Parameter isConnected: whether the sender is still there; the work stops (`499`,
    ///   nothing stored) at the first costly step after it is gone.
    package func ingest(
        instance name: String, request: Request, isConnected: @escaping @Sendable () -> Bool = { true }
    ) async throws -> Response {
        let label = metricsLabel(name)
        do {
            let response = try await ingestRequest(instance: name, request: request, isConnected: isConnected)
            IntakeMetrics.countRequest(instance: label, status: response.status.code)
            return response
        } catch {
            IntakeMetrics.countRequest(instance: label, status: (error as? IngestError)?.status.code ?? 500)
            throw error
        }
    }

    /// The `instance` label for a name from a URL: the name when an instance has it.
    func metricsLabel(_ name: String) -> String {
        instances[name] == nil ? IntakeMetrics.unknownInstance : name
    }

    private func ingestRequest(
        instance name: String, request: Request, isConnected: @escaping @Sendable () -> Bool
    ) async throws -> Response {
        let headers = ReceivedHeaders(request.headers.map { (name: $0.name.canonicalName, value: $0.value) })
        let metadata: Logger.Metadata = ["instance": "\(name)"]
        logger.debug("request received", metadata: metadata)
        let received = now()
        let instance: InstanceRuntime
        let kind: BodyKind
        let body: [UInt8]
        do {
            (instance, kind) = try admit(instance: name, headers: headers, received: received, metadata: metadata)
            body = try await BodyReader.collect(
                request.body, declaredLength: headers["content-length"].flatMap { Int($0) }, limits: configuration.limits)
        } catch var error as IngestError {
            // Refused before the whole body arrived: don't wait for the rest of it.
            error.closesConnection = headers["transfer-encoding"] != nil || (headers["content-length"].flatMap { Int($0) } ?? 0) > 0
            throw error
        }
        if let refusal = instance.authenticator.verify(body: body, headers: headers, now: received) {
            // The metadata-only record of SPEC §10: headers, size and reason, never the body.
            IntakeMetrics.countSignatureRefusal(instance: instance.name)
            instance.signatureRefusals?.add(
                SignatureRefusals.Record(
                    received: received, reason: refusal.reason, size: body.count,
                    headers: KeptHeaders(headers, removing: instance.secretHeaders).json))
            logThrottle.log(
                logger, .warning, kind: "signature refused", at: received, "signature refused",
                metadata: metadata.merging([
                    "reason": "\(refusal)", "size": "\(body.count)",
                    "headers": "\(headers.fields.map(\.name).joined(separator: ","))",
                ]) { $1 })
            throw IngestError.authorizationFailed(challenge: nil)
        }
        guard let memory = instance.signatureMemory, let key = instance.authenticator.replayKey(body: body, headers: headers) else {
            return Response.json(
                try await store(
                    body, kind: kind, instance: instance, headers: headers, received: received, metadata: metadata, isConnected: isConnected))
        }
        switch await memory.claim(key, nowSecond: received.millisecondsSinceEpoch / 1000) {
        case .replay(let answer):
            IntakeMetrics.countSignatureReplay(instance: instance.name)
            logThrottle.log(
                logger, .notice, kind: "replayed signature", at: received, "replayed signature answered as a duplicate", metadata: metadata)
            return Response.json(answer)
        case .full(let retryAfter):
            throw IngestError.signatureMemoryFull(limit: memory.capacity, retryAfterSeconds: retryAfter)
        case .first:
            do {
                let answer = try await store(
                    body, kind: kind, instance: instance, headers: headers, received: received, metadata: metadata, isConnected: isConnected)
                await memory.answered(key, response: answer)
                return Response.json(answer)
            } catch {
                await memory.forget(key)
                throw error
            }
        }
    }

    /// Parses, maps and commits an admitted body; returns the `200` array.
    private func store(
        _ body: [UInt8], kind: BodyKind, instance: InstanceRuntime, headers: ReceivedHeaders, received: Instant,
        metadata: Logger.Metadata, isConnected: @Sendable () -> Bool
    ) async throws -> JSON {
        guard isConnected() else { throw IngestError.senderGone }
        let payloads = try ReceivedPayload.payloads(of: body, kind: kind, limits: configuration.limits)
        let kept = KeptHeaders(headers, removing: instance.secretHeaders)
        let batch = try makeBatch(payloads, instance: instance, kept: kept, received: received, isConnected: isConnected)
        guard !batch.items.isEmpty || !batch.samples.isEmpty else { return .array([]) }
        guard isConnected() else { throw IngestError.senderGone }
        let reserved = try await reserveQuarantine(batch.quarantinedBytes, for: instance, at: received)
        let receipt: IngestReceipt
        do {
            let started = ContinuousClock.now
            receipt = try await store.commit(batch)
            IntakeMetrics.recordCommit(ContinuousClock.now - started)
        } catch {
            instance.quarantineBudget.release(reserved)
            logger.error("commit failed; answered 503", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            throw IngestError.storeUnavailable
        }
        IntakeMetrics.countResults(instance: instance.name, receipt)
        // Per request, so debug: at info a busy listener would write thousands of lines a
        // second (a write to standard error each); /metrics counts them (docs/decisions.md).
        logger.debug(
            "ingested",
            metadata: metadata.merging(["payloads": "\(payloads.count)", "results": "\(receipt.results.count)"]) { $1 })
        return .array(zip(batch.items, receipt.results).map { item, result in result.responseJSON(answering: item) })
    }

    /// Reserves the quarantine bytes of a batch about to be committed; returns what was
    /// reserved (0 when the batch quarantines nothing).
    ///
    /// - Throws: `429` when the instance's open quarantine would pass
    ///   `limits.max_quarantine_bytes` (counted in `intake_quarantine_refused_total`); `503`
    ///   when the store cannot say how full it is.
    func reserveQuarantine(_ bytes: Int, for instance: InstanceRuntime, at received: Instant) async throws(IngestError) -> Int {
        guard bytes > 0 else { return 0 }
        let budget = instance.quarantineBudget
        if budget.reserve(bytes) { return bytes }
        let second = received.millisecondsSinceEpoch / 1000
        if budget.needsReading(at: second) {
            do {
                budget.learned(try await store.quarantinedBytes(instance: instance.name), at: second)
            } catch {
                throw IngestError.storeUnavailable
            }
            if budget.reserve(bytes) { return bytes }
        }
        IntakeMetrics.countQuarantineRefusal(instance: instance.name)
        throw IngestError.quarantineFull(limit: budget.limit)
    }

    /// The header that names a coding the listener does not decode, for its `415`: a
    /// `Transfer-Encoding` other than `chunked` (`gzip, chunked` would otherwise be read as if
    /// the compressed bytes were JSON) or a `Content-Encoding` other than `identity`.
    static func unsupportedCoding(_ headers: ReceivedHeaders) -> String? {
        func codings(_ name: String) -> [String] {
            headers.values(name).flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        }
        let transfer = codings("transfer-encoding")
        if !transfer.allSatisfy({ $0 == "chunked" }) {
            return "Transfer-Encoding: \(IngestError.printable(transfer.joined(separator: ", ")))"
        }
        let content = codings("content-encoding")
        if !content.allSatisfy({ $0 == "identity" || $0.isEmpty }) {
            return "Content-Encoding: \(IngestError.printable(content.joined(separator: ", ")))"
        }
        return nil
    }

    /// The checks that need no body: the instance exists, headers-only auth, content type.
    func admit(
        instance name: String, headers: ReceivedHeaders, received: Instant, metadata: Logger.Metadata
    ) throws(IngestError) -> (InstanceRuntime, BodyKind) {
        guard let instance = instances[name] else { throw IngestError.unknownInstance(name) }
        switch instance.authenticator.check(headers: headers) {
        case .accepted, .needsBody: break
        case .refused(let refusal):
            logThrottle.log(
                logger, .notice, kind: "authorization refused", at: received, "authorization refused",
                metadata: metadata.merging(["reason": "\(refusal)"]) { $1 })
            throw IngestError.authorizationFailed(challenge: instance.authenticator.challenge)
        }
        if let coding = Self.unsupportedCoding(headers) {
            throw IngestError(
                .unsupportedMediaType,
                "\(coding) is not supported; send the body uncompressed, with Content-Length or Transfer-Encoding: chunked.")
        }
        guard let kind = BodyKind(contentType: headers["content-type"]) else {
            throw IngestError(
                .unsupportedMediaType,
                "Unsupported Content-Type; send application/json, application/x-www-form-urlencoded or multipart/form-data.")
        }
        return (instance, kind)
    }
}
