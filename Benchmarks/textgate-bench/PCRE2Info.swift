import CPCRE2

/// The PCRE2 library the baseline runs on: its version and whether JIT compiling works here.
enum PCRE2Info {
    static func version() -> String {
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = pcre2_config_8(UInt32(PCRE2_CONFIG_VERSION), &buffer)
        return n > 1 ? String(decoding: buffer.prefix(Int(n) - 1), as: UTF8.self) : "unknown"
    }

    /// True when a pattern actually JIT-compiles (the library may be built without JIT, or the
    /// system may refuse executable memory; `PCRE2Regex` then falls back to the interpreter).
    static func jitWorks() -> Bool {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let pattern: [UInt8] = Array("a+b".utf8)
        guard let code = pcre2_compile_8(pattern, pattern.count, 0, &errorCode, &errorOffset, nil) else { return false }
        defer { pcre2_code_free_8(code) }
        return pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0
    }
}
