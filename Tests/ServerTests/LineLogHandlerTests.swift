import Logging
@testable import Server
import Testing

@Suite("Log lines")
struct LineLogHandlerTests {
    @Test("metadata set key by key reads back as one dictionary, whichever key came first")
    func metadataByKey() {
        var logger = Logger(label: "t", factory: LineLogHandler.init)
        logger[metadataKey: "hb.request.id"] = "1"
        logger[metadataKey: "route"] = "/v1/check"
        #expect(logger.handler.metadata == ["hb.request.id": "1", "route": "/v1/check"])
        logger[metadataKey: "hb.request.id"] = "2"
        #expect(logger[metadataKey: "hb.request.id"] == "2")
        logger[metadataKey: "hb.request.id"] = nil
        #expect(logger.handler.metadata == ["route": "/v1/check"])
        // A key set again after the first was removed is not kept twice.
        logger[metadataKey: "route"] = "/v1/messages"
        logger[metadataKey: "caller"] = "key_1"
        #expect(logger.handler.metadata == ["route": "/v1/messages", "caller": "key_1"])
        logger.handler.metadata = ["only": "this"]
        #expect(logger[metadataKey: "caller"] == nil && logger[metadataKey: "only"] == "this")
    }
}
