/// JSON for the documents statements read rows from (`SendDocument`, `SendTargetRead`): objects
/// of named strings, numbers, booleans and string arrays, a field whose value is nil left out (so
/// the statement reads it as `NULL`).
struct DocumentWriter {
    private(set) var bytes: [UInt8] = []
    private static let hexDigits = Array("0123456789abcdef".utf8)
    /// Whether the object or array being written needs a comma before its next member.
    private var comma = false

    init() { bytes.reserveCapacity(2048) }

    mutating func open() { separate(); bytes.append(0x7B); comma = false }
    mutating func close() { bytes.append(0x7D); comma = true }

    /// `"name":`, after a comma when a member came before.
    mutating func name(_ name: StaticString) {
        separate()
        bytes.append(0x22)
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(contentsOf: [0x22, 0x3A])
        comma = false
    }

    mutating func field(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        self.name(name); string(value); comma = true
    }

    mutating func field(_ name: StaticString, _ value: Int64?) {
        guard let value else { return }
        self.name(name); bytes.append(contentsOf: String(value).utf8); comma = true
    }

    mutating func field(_ name: StaticString, _ value: Bool) {
        self.name(name); bytes.append(contentsOf: (value ? "true" : "false").utf8); comma = true
    }

    mutating func field(_ name: StaticString, _ values: [String]) {
        self.name(name)
        bytes.append(0x5B)
        for (i, v) in values.enumerated() {
            if i > 0 { bytes.append(0x2C) }
            string(v)
        }
        bytes.append(0x5D)
        comma = true
    }

    /// `"name":[{…},…]`, each element's fields written by `body`.
    mutating func array<T>(_ name: StaticString, _ elements: [T], _ body: (inout DocumentWriter, T) -> Void) {
        self.name(name)
        self.elements(elements, body)
    }

    /// `[{…},…]`, each element's fields written by `body`.
    mutating func elements<T>(_ elements: [T], _ body: (inout DocumentWriter, T) -> Void) {
        bytes.append(0x5B)
        comma = false
        for e in elements {
            open()
            body(&self, e)
            close()
        }
        bytes.append(0x5D)
        comma = true
    }

    private mutating func separate() {
        if comma { bytes.append(0x2C) }
    }

    /// A JSON string: `"` and `\\` escaped, and every control character as `\\u00XX`.
    private mutating func string(_ s: String) {
        bytes.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0..<0x20:
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hexDigits[Int(b >> 4)], Self.hexDigits[Int(b & 0xF)]])
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
    }
}
