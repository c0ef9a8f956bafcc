/// `POST /v1/messages`' body read in one pass over its bytes, as `CheckRequest.fast` reads
/// `/v1/check`'s: only the plain shape (an object of the six fields, strings and an array of
/// strings where they go, each at most once); anything else gives nil and goes through
/// `BodyReader`'s strict decoding, which reads it the same way or says what is wrong with it.
extension MessageRequest {
    static func fast(_ body: UnsafeRawBufferPointer) -> MessageRequest? {
        var recipient: String?, kind: String?, notify: [String]?, text: String?, queue: String?, key: String?
        let read = JSONBytes.object(body) { field, reader in
            switch field {
            case "recipient": return JSONBytes.once(&recipient, reader.string())
            case "kind": return JSONBytes.once(&kind, reader.string())
            case "notify": return JSONBytes.once(&notify, reader.strings())
            case "body": return JSONBytes.once(&text, reader.string())
            case "queue": return JSONBytes.once(&queue, reader.string())
            case "idempotencyKey": return JSONBytes.once(&key, reader.string())
            default: return false
            }
        }
        guard read, let recipient, let kind, let notify, let key else { return nil }
        return MessageRequest(recipient: recipient, kind: kind, notify: notify, body: text, queue: queue, idempotencyKey: key)
    }
}
