#ifndef TEXTGATE_CFUZZERDRIVER_H
#define TEXTGATE_CFUZZERDRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (in the runtime that `-sanitize=fuzzer` links): parses libFuzzer's flags
/// from argc/argv and runs `callback` on each input. The fuzz targets call it from their `main`,
/// since SwiftPM gives every executable a Swift entry point of its own.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

/// The test function each fuzz target defines in Swift with `@_cdecl("LLVMFuzzerTestOneInput")`.
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
