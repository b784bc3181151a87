/// The inputs of one run: input `index` of batch `batch` is a function of the run's seed and the corpus alone, so
/// the runner and the child processes it starts make the same bytes without passing them around.
struct FuzzCampaign {
    let corpus: FuzzCorpus
    let seed: UInt64
    private let mutators: [FuzzTarget: FuzzMutator]

    init(corpus: FuzzCorpus, seed: UInt64) {
        self.corpus = corpus
        self.seed = seed
        let everySeed = corpus.allSeeds.map(\.bytes)
        mutators = Dictionary(
            uniqueKeysWithValues: FuzzTarget.allCases.map { ($0, FuzzMutator(target: $0, seeds: everySeed)) })
    }

    /// Input `index` of batch `batch`: a target (each equally often), one of its seeds, mutated.
    func input(batch: Int, index: Int) -> FuzzSeed {
        var random = FuzzRandom(seed: seed, batch: batch, index: index)
        let target = FuzzTarget.allCases[random.below(FuzzTarget.allCases.count)]
        let seeds = corpus.seeds[target, default: []]
        let origin = seeds[random.below(seeds.count)]
        let bytes = mutators[target]!.mutate(origin.bytes, using: &random)
        return FuzzSeed(target: target, path: "batch \(batch) input \(index), from \(origin.path)", bytes: bytes)
    }
}
