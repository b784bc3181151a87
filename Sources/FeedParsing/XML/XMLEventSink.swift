/// Receives the events of an `XMLPushParser`. All calls happen on the thread that feeds the parser.
protocol XMLEventSink: AnyObject {
    func startElement(_ name: XMLName, attributes: XMLAttributes)
    func endElement(_ name: XMLName)
    func characters(_ text: UnsafeBufferPointer<UInt8>)
    func problem(line: Int, message: String)
}

/// An element name as libxml2 reports it: interned local name and namespace URI, valid during the callback.
struct XMLName {
    let localName: UnsafePointer<UInt8>
    let namespaceURI: UnsafePointer<UInt8>?
    let prefix: UnsafePointer<UInt8>?
}
