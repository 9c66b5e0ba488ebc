import FINGenerator
import FINModel
import Foundation

/// `finbench-fuzz --seed S --count N [--exact-every K]`: a seeded mutation fuzzer over the
/// workbench's in-process paths (instance, solution and sweep files, generator settings; parse,
/// validate, evaluate, solve). Before each case it writes `case I: ROLE MUTATIONS` to standard
/// error, so that a trap (the process dies of a signal) names the seed and case that caused it;
/// every broken invariant is listed on standard output. Exit 0: nothing found; 1: findings;
/// 64: bad usage. The MILP (CBC) runs on every K-th instance that validates (default 20).

func usage() -> Never {
    FileHandle.standardError.write(Data("usage: finbench-fuzz --seed S --count N [--exact-every K]\n".utf8))
    exit(64)
}

var seed: UInt64 = 1
var count = 1000
var exactEvery = 20
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    guard let value = arguments.popFirst() else { usage() }
    switch flag {
    case "--seed":
        guard let s = UInt64(value) else { usage() }
        seed = s
    case "--count":
        guard let n = Int(value), n >= 0 else { usage() }
        count = n
    case "--exact-every":
        guard let k = Int(value), k >= 1 else { usage() }
        exactEvery = k
    default: usage()
    }
}

let start = Date()
let corpus = Corpus.make()
var pipeline = Pipeline(corpus: corpus, exactEvery: exactEvery)
let instanceTrees = corpus.instances.map(InstanceFile.encode)
let solutionTrees = corpus.solutions.map(SolutionFile.encode)
let sweepTrees = corpus.sweeps.compactMap { try? JSONParser.parse($0) }
/// Strings of the corpus, reused as values (duplicate ids, ids of other kinds).
let ids = Array(
    Set(
        corpus.instances.flatMap { i in
            i.nodes.map(\.id) + i.models.map(\.id) + i.applications.map(\.id)
        })
).sorted()

for index in 0..<count {
    var rng = SplitMix64(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
    var mutator = Mutator(rng: rng)
    let role = rng.below(10)
    let base = rng.below(corpus.instances.count)
    var tree: JSONValue
    let roleName: String
    switch role {
    case 0...3: (tree, roleName) = (instanceTrees[base], "instance \(base)")
    case 4...6: (tree, roleName) = (solutionTrees[base], "solution \(base)")
    case 7...8: (tree, roleName) = (sweepTrees[base % sweepTrees.count], "sweep \(base % sweepTrees.count)")
    default: (tree, roleName) = (.null, "generator")
    }
    var notes: [String] = []
    var config: GeneratorConfig?
    var bytes: [UInt8] = []
    if role == 9 {
        let (c, note) = GeneratorSettings.draw(&mutator.rng)
        config = c
        notes.append(note)
    } else {
        for _ in 0..<(1 + mutator.rng.below(3)) {
            let (t, note) = mutator.mutateTree(tree, ids: ids)
            tree = t
            notes.append(note)
        }
        bytes = JSONWriter.data(tree)
        if mutator.rng.chance(0.3) {
            let (b, note) = mutator.mutateText(bytes)
            bytes = b
            notes.append(note)
        }
    }
    pipeline.label = "seed \(seed) case \(index) (\(roleName): \(notes.joined(separator: "; ")))"
    FileHandle.standardError.write(Data("case \(index): \(roleName): \(notes.joined(separator: "; "))\n".utf8))
    switch role {
    case 0...3: pipeline.instance(bytes, base: base)
    case 4...6: pipeline.solution(bytes, base: base)
    case 7...8: pipeline.sweep(bytes)
    default: pipeline.generator(config!)
    }
}

let seconds = Date().timeIntervalSince(start)
let tally = pipeline.counts.keys.sorted().map { "\($0) \(pipeline.counts[$0]!)" }.joined(separator: ", ")
print(
    "finbench-fuzz seed \(seed): \(count) cases in \(String(format: "%.1f", seconds)) s; \(tally); "
        + "\(pipeline.findings.count) finding(s)")
for f in pipeline.findings { print("finding: \(f)") }
exit(pipeline.findings.isEmpty ? 0 : 1)
