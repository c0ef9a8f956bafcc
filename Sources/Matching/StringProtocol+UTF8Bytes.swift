extension StringProtocol {
    /// Calls `body` with the string's UTF-8 bytes: in place when they are contiguous (a native
    /// string or a slice of one), otherwise from a copy.
    @inlinable
    public func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = utf8.withContiguousStorageIfAvailable(body) { return r }
        return Array(utf8).withUnsafeBufferPointer(body)
    }
}
