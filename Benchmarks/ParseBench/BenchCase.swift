/// One workload the benchmark times both tools on.
enum BenchCase: String, CaseIterable, Sendable, Codable {
    /// big.xml, one process per tool: raw parser throughput on a ~50 MB feed.
    case big
    /// Every file of corpus/feeds in ONE process per tool: throughput across many small documents.
    case corpus
    /// A sample of files, one process per file, costs summed: what a shell loop pays, start-up included.
    case perfile

    /// How many files the perfile case samples from the corpus.
    static let perfileSampleSize = 200

    var summary: String {
        switch self {
        case .big: return "big.xml, one process per tool"
        case .corpus: return "all of corpus/feeds, one process per tool"
        case .perfile: return "\(Self.perfileSampleSize)-file sample, one process per file, summed"
        }
    }
}
