/// `POST /v1/messages`' body read in one pass over its bytes, as `CheckRequest.fast` reads
/// `/v1/check`'s: only the plain shape (an object of the six fields, strings and an array of
/// strings where they go, each at most once); anything else gives nil and goes through
/// `BodyReader`'s strict decoding, which reads it the same way or says what is wrong with it.
extension MessageRequest {
    static func fast(_ body: UnsafeRawBufferPointer) -> MessageRequest? {
        var reader = JSONBytes(body.bindMemory(to: UInt8.self))
        guard reader.skipping(0x7B), !reader.skipping(0x7D) else { return nil }
        var recipient: String?, kind: String?, notify: [String]?, text: String?, queue: String?, key: String?
        repeat {
            guard let field = reader.string(), reader.skipping(0x3A) else { return nil }
            switch field {
            case "recipient" where recipient == nil: recipient = reader.string(); if recipient == nil { return nil }
            case "kind" where kind == nil: kind = reader.string(); if kind == nil { return nil }
            case "notify" where notify == nil: notify = reader.strings(); if notify == nil { return nil }
            case "body" where text == nil: text = reader.string(); if text == nil { return nil }
            case "queue" where queue == nil: queue = reader.string(); if queue == nil { return nil }
            case "idempotencyKey" where key == nil: key = reader.string(); if key == nil { return nil }
            default: return nil
            }
        } while reader.skipping(0x2C)
        guard reader.skipping(0x7D), reader.atEnd, let recipient, let kind, let notify, let key else { return nil }
        return MessageRequest(recipient: recipient, kind: kind, notify: notify, body: text, queue: queue, idempotencyKey: key)
    }
}
