import Foundation

/// The files gen_corpus.py wrote, with the sizes and counts the benchmark needs from manifest.json.
struct Corpus: Sendable {
    let directory: String
    let bigPath: String
    let bigBytes: Int
    /// The number of items gen_corpus.py put into big.xml: what feedctl must report as entries.
    let bigItems: Int
    /// corpus/feeds/*.xml, sorted by name, with their sizes in bytes.
    let feeds: [(path: String, bytes: Int)]

    private struct Manifest: Decodable {
        struct Big: Decodable {
            var bytes: Int
            var items: Int
        }
        var big: Big?
    }

    /// Opens the corpus in `directory`, first generating it with `shared`/bench/gen_corpus.py when manifest.json is
    /// missing (gen_corpus.py writes the manifest last, so its presence means the corpus is complete).
    static func open(_ directory: String, shared: String, runner: Runner) throws(BenchError) -> Corpus {
        let manifestPath = directory + "/manifest.json"
        if !FileManager.default.fileExists(atPath: manifestPath) {
            try generate(directory, shared: shared, runner: runner)
        }
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(
                Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: manifestPath)))
        } catch {
            throw .corpus("cannot read \(manifestPath): \(error)")
        }
        guard let big = manifest.big else {
            throw .corpus("\(manifestPath) lists no big.xml (generated with --big-mb 0?)")
        }
        let bigPath = directory + "/big.xml"
        let feedsDirectory = directory + "/feeds"
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: feedsDirectory)
                .filter { $0.hasSuffix(".xml") }
                .sorted()
        } catch {
            throw .corpus("cannot list \(feedsDirectory): \(error.localizedDescription)")
        }
        guard !names.isEmpty else { throw .corpus("\(feedsDirectory) holds no .xml files") }
        var feeds: [(path: String, bytes: Int)] = []
        for name in names {
            let path = feedsDirectory + "/" + name
            feeds.append((path, try fileSize(path)))
        }
        return Corpus(
            directory: directory, bigPath: bigPath, bigBytes: try fileSize(bigPath), bigItems: big.items,
            feeds: feeds)
    }

    /// An evenly spaced, deterministic sample of at most `count` feed files.
    func sample(_ count: Int) -> [(path: String, bytes: Int)] {
        guard feeds.count > count else { return feeds }
        return (0..<count).map { feeds[$0 * feeds.count / count] }
    }

    private static func generate(_ directory: String, shared: String, runner: Runner) throws(BenchError) {
        let script = shared + "/bench/gen_corpus.py"
        guard FileManager.default.fileExists(atPath: script) else {
            throw .corpus("no manifest.json in \(directory) and no \(script) to generate it (pass --shared DIR)")
        }
        let python = try runner.resolve("python3", hint: "needed to run gen_corpus.py")
        let arguments = [python, script, "--feeds", "1000", "--items", "50", "--seed", "1", directory]
        progress("generating corpus: \(arguments.joined(separator: " ")) (takes a while)")
        let sample = try runner.run(arguments, stdout: .parentStderr, stderr: .parentStderr)
        guard sample.termination.succeeded else {
            throw .corpus("gen_corpus.py \(sample.termination)")
        }
    }

    private static func fileSize(_ path: String) throws(BenchError) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .corpus("\(path): \(String(cString: strerror(errno)))")
        }
        return Int(info.st_size)
    }
}
