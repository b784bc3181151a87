import TestSupport
import Testing

@testable import FeedStore

/// The story index's table against a plain dictionary of arrays: the same values under every key, in the order
/// they were added, at most `idsPerKey` of them, across merges.
@Suite struct StoryBandTableTests {
    /// `spread`, odd, multiplies each key drawn: a few keys scattered over the whole range, so they fall in many of
    /// the directory's slots, and next to one another in some.
    @Test(arguments: [
        (mergeEvery: 1, keys: 50, spread: 1), (7, 300, 1), (16_384, 5_000, 1), (100, UInt32.max, 1),
        (50, 5_000, 858_993_459), (1_000, 20_000, 2_654_435_761), (64, 300, 65_537),
    ])
    func keepsWhatADictionaryWouldAcrossMerges(mergeEvery: Int, keys: UInt32, spread: UInt32) {
        var table = StoryBandTable(idsPerKey: 4, mergeEvery: mergeEvery)
        var model: [UInt32: [UInt32]] = [:]
        // A deterministic sequence of keys drawn from a few, so keys repeat.
        var draw = SeededRandom(seed: UInt64(mergeEvery) &+ UInt64(keys))
        for value in UInt32(0)..<20_000 {
            // A key drawn from the whole range also meets 0 and the largest keys now and then.
            let key =
                keys == UInt32.max
                ? [0, UInt32.max, UInt32.random(in: 0..<keys, using: &draw)][Int(value % 3)]
                : UInt32.random(in: 0..<keys, using: &draw) &* spread
            table.insert(value, under: key)
            if model[key, default: []].count < 4 {
                model[key, default: []].append(value)
            }
        }
        #expect(table.count == model.values.reduce(0) { $0 + $1.count })
        for (key, values) in model {
            #expect(table.values(under: key) == values)
        }
        #expect(table.values(under: keys == UInt32.max ? 12_345 : (keys + 1) &* spread).isEmpty)
    }

    @Test func removeAllForgetsEveryEntry() {
        var table = StoryBandTable(idsPerKey: 4, mergeEvery: 3)
        for value in UInt32(0)..<10 {
            table.insert(value, under: value % 2)
        }
        table.removeAll()
        #expect(table.count == 0)
        #expect(table.values(under: 0).isEmpty)
        table.insert(7, under: 0)
        #expect(table.values(under: 0) == [7])
    }

    /// Keys at the ends of the range and on both sides of a directory slot's boundary, present and absent, merged
    /// and not, and again after `removeAll` empties the directory and a merge fills it anew.
    @Test func findsKeysAtTheDirectorysEdges() {
        let present: [UInt32] = [0, 0xFFFF, 0x1_0000, 0x1_0001, 0xFFFE_FFFF, 0xFFFF_0000, UInt32.max]
        let absent: [UInt32] = [1, 0xFFFE, 0x1_0002, 0x8000_0000, 0xFFFE_FFFE, 0xFFFF_0001, UInt32.max - 1]
        var table = StoryBandTable(idsPerKey: 4, mergeEvery: present.count)
        for round in 0..<2 {
            for (value, key) in present.enumerated() {
                #expect(table.values(under: key).isEmpty)
                table.insert(UInt32(value), under: key)
            }
            for (value, key) in present.enumerated() {
                #expect(table.values(under: key) == [UInt32(value)], "round \(round), key \(key)")
            }
            for key in absent {
                #expect(table.values(under: key).isEmpty, "round \(round), key \(key)")
            }
            table.insert(99, under: UInt32.max)
            #expect(table.values(under: UInt32.max) == [6, 99])
            table.removeAll()
            for key in present + absent {
                #expect(table.values(under: key).isEmpty)
            }
        }
    }
}
