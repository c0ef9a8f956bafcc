import Storage
import Testing

@Suite("Identifiers")
struct IdentifierTests {
    @Test("prefix, underscore, 24 lowercase hex digits; later ids sort after earlier ones")
    func shapeAndOrder() {
        let ids = (0..<1000).map { _ in Identifier.make("msg") }
        for id in ids {
            #expect(id.hasPrefix("msg_"))
            #expect(id.count == 4 + 24)
            #expect(id.dropFirst(4).allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) })
        }
        #expect(ids.map { $0.prefix(16) } == ids.map { $0.prefix(16) }.sorted())
        #expect(Set(ids).count == ids.count)
    }

    @Test("the random part differs from id to id, across refills of the random buffer")
    func randomParts() {
        // 512 random words are read at a time: 2,000 ids use four buffers.
        let random = (0..<2000).map { _ in Identifier.make("aud").suffix(12) }
        #expect(Set(random).count == random.count)
        #expect(!random.contains("000000000000"))
    }
}
