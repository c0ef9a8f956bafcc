/// The keyword sets compiled from `keywords/*.yml` (the data is in
/// `BuiltinKeywords+Data.swift`, written by `make generate`).
public enum BuiltinKeywords {}
