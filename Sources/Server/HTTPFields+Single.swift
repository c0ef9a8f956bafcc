import HTTPTypes

extension HTTPFields {
    /// The value of the one field named `name`; nil when there is none, or more than one.
    ///
    /// The `String?` subscript joins every field of the name into a new string on each call, a
    /// measurable part of a small request; a repeated `Authorization` or `Content-Length` is
    /// refused either way (joined, it is no longer a valid value).
    func single(_ name: HTTPField.Name) -> String? {
        var found: String?
        for field in self where field.name == name {
            guard found == nil else { return nil }
            found = field.value
        }
        return found
    }
}
