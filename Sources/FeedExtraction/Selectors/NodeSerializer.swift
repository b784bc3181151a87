internal import CLibXML2

/// Serializes one element as HTML through libxml2, keeping at most a byte limit of the output.
///
/// libxml2 writes into a callback that stops accepting bytes at the limit, so serializing a node that holds most
/// of a hostile page costs one walk of the tree, not a copy of it.
final class NodeSerializer {
    private let limit: Int
    private var bytes: [UInt8] = []

    private init(limit: Int) {
        self.limit = limit
    }

    /// `node` and its subtree as HTML, UTF-8, cut at `limit` bytes (at a character boundary).
    static func html(of node: xmlNodePtr, in document: htmlDocPtr, limit: Int) -> String {
        let serializer = NodeSerializer(limit: limit)
        let sink = Unmanaged.passUnretained(serializer).toOpaque()
        let output = xmlOutputBufferCreateIO(
            { sink, buffer, length in
                guard let sink, let buffer, length >= 0 else {
                    return -1
                }
                let serializer = Unmanaged<NodeSerializer>.fromOpaque(sink).takeUnretainedValue()
                return serializer.accept(UnsafeRawBufferPointer(start: buffer, count: Int(length))) ? length : -1
            }, nil, sink, nil)
        guard let output else {
            return ""
        }
        // Past the limit the sink refuses bytes, and libxml2 reports an I/O error; nobody needs to read it.
        LibXML2ErrorChannel.redirected(to: nil, context: nil) {
            htmlNodeDumpFormatOutput(output, document, node, nil, 0)
            xmlOutputBufferClose(output)
        }
        return String(truncatedUTF8: serializer.bytes, limit: limit)
    }

    /// Keeps what fits of `chunk`; false once the limit is reached, which makes libxml2 stop writing.
    private func accept(_ chunk: UnsafeRawBufferPointer) -> Bool {
        let room = limit - bytes.count
        bytes.append(contentsOf: chunk.prefix(room))
        return chunk.count <= room
    }
}
