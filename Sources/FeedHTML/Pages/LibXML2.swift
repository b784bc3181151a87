internal import CLibXML2

/// libxml2's process-wide set-up, shared by the XML and the HTML parsers.
package enum LibXML2 {
    /// Touch before the first parse: libxml2 wants its globals initialised once, before threads use it, and a
    /// `static let` runs its initialiser exactly once.
    package static let initialized: Void = xmlInitParser()
}
