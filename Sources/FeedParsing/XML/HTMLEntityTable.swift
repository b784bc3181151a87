internal import CLibXML2
import Synchronization

/// HTML's named character references (`&nbsp;`, `&eacute;`, `&mdash;`) as libxml2 entities, for feeds that use
/// them without declaring them (many do). Each entity is created once, on first use, and lives for the process.
enum HTMLEntityTable {
    /// Entities are immutable once created; libxml2 only reads them, from any thread.
    private struct EntityPointer: @unchecked Sendable {
        let pointer: xmlEntityPtr
    }

    private struct Table: Sendable {
        var entities: [UInt32: EntityPointer] = [:]
    }

    private static let table = Mutex(Table())

    /// A predefined-type entity whose content is the character `name` stands for, or nil when HTML has no such
    /// entity (the parser then reports an undefined entity).
    static func entity(named name: UnsafePointer<UInt8>) -> xmlEntityPtr? {
        guard let description = htmlEntityLookup(name) else { return nil }
        let codePoint = description.pointee.value
        let entity = table.withLock { table -> EntityPointer? in
            if let existing = table.entities[codePoint] { return existing }
            guard let scalar = Unicode.Scalar(codePoint) else { return nil }
            var utf8 = Array(String(Character(scalar)).utf8)
            utf8.append(0)
            let created = utf8.withUnsafeBufferPointer { content in
                xmlNewEntity(nil, name, Int32(XML_INTERNAL_PREDEFINED_ENTITY.rawValue), nil, nil, content.baseAddress)
            }
            guard let created else { return nil }
            table.entities[codePoint] = EntityPointer(pointer: created)
            return EntityPointer(pointer: created)
        }
        return entity?.pointer
    }
}
