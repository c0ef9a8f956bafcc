import Foundation
import Logging
import Synchronization

/// Log lines on standard error in swift-log's `StreamLogHandler` format, with the metadata
/// formatted when a line is written rather than each time it is set. Hummingbird sets a request
/// id on every request's logger, and `StreamLogHandler` formats all metadata on every set.
///
/// The first key set is kept beside the dictionary, not in it: a request's logger has that one
/// key, and a dictionary of one entry is an allocation and a hash on every request.
public struct LineLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    /// One key and its value, kept inline; never also in `others`.
    private var first: (key: String, value: Logger.Metadata.Value)?
    private var others: Logger.Metadata = [:]

    /// A handler for `label`, writing to standard error.
    public init(label: String) {
        self.label = label
    }

    public var metadata: Logger.Metadata {
        get {
            guard let first else { return others }
            var all = others
            all[first.key] = first.value
            return all
        }
        set {
            first = nil
            others = newValue
        }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { first?.key == key ? first?.value : others[key] }
        set {
            if first?.key == key || (first == nil && others[key] == nil) {
                first = newValue.map { (key, $0) }
            } else {
                others[key] = newValue
            }
        }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let explicit = event.metadata { all.merge(explicit) { _, new in new } }
        let pairs = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let text = "\(Self.timestamp()) \(event.level) \(label):\(pairs.isEmpty ? "" : " " + pairs) [\(event.source)] \(event.message)\n"
        Self.output.withLock { _ in FileHandle.standardError.write(Data(text.utf8)) }
    }

    /// Local time as `StreamLogHandler` writes it: `2026-12-04T22:45:10+0000`.
    private static func timestamp() -> String {
        var now = time(nil)
        var local = tm()
        localtime_r(&now, &local)
        var buffer = [Int8](repeating: 0, count: 32)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &local)
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Serialises writes, so lines from several threads do not interleave.
    private static let output = Mutex(())
}
