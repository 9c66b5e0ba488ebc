import FIN
import FINAuthors
import FINEvaluator
import FINGenerator
import FINHarness
import FINMethods
import FINModel

/// Runs one fuzz input through the in-process paths of the workbench and checks what must hold
/// whatever the input: parsing and validation fail only with typed errors (the signatures say so;
/// a trap kills the process, which the parent reports), and on every instance that validates,
/// every score is finite, every answer re-scores to what it claims, holds no non-finite number,
/// round-trips through fin-solution/1, and exact methods agree on status and objective.
struct Pipeline {
    let corpus: Corpus
    /// Broken invariants, one line each.
    private(set) var findings: [String] = []
    /// How many inputs reached each stage.
    private(set) var counts: [String: Int] = [:]
    /// Which case is running, for findings.
    var label = ""

    /// The MILP runs on every `exactEvery`-th instance that validates.
    let exactEvery: Int
    private var validInstances = 0

    init(corpus: Corpus, exactEvery: Int) {
        self.corpus = corpus
        self.exactEvery = exactEvery
    }

    private mutating func count(_ what: String) { counts[what, default: 0] += 1 }

    private mutating func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { findings.append("\(label): \(message())") }
    }

    // MARK: - Inputs

    /// A mutated instance file; `base` is the corpus index it came from.
    mutating func instance(_ bytes: [UInt8], base: Int) {
        count("instance inputs")
        let json: JSONValue
        do { json = try JSONParser.parse(bytes) } catch { return }
        let loaded: InstanceFile.Loaded
        do { loaded = try InstanceFile.decode(json, file: "fuzz") } catch {
            count("instances refused")
            return
        }
        count("instances valid")
        valid(loaded.instance, solution: corpus.solutions[base])
    }

    /// A mutated solution file, evaluated against its (valid) instance.
    mutating func solution(_ bytes: [UInt8], base: Int) {
        count("solution inputs")
        let json: JSONValue
        do { json = try JSONParser.parse(bytes) } catch { return }
        let solution: Solution
        do { solution = try SolutionFile.decode(json, file: "fuzz") } catch {
            count("solutions refused")
            return
        }
        count("solutions read")
        evaluate(solution, on: corpus.instances[base])
    }

    /// A mutated sweep file: parsed, its jobs listed, and the instance of its first point built,
    /// validated and solved when it is small.
    mutating func sweep(_ bytes: [UInt8]) {
        count("sweep inputs")
        let json: JSONValue
        do { json = try JSONParser.parse(bytes) } catch { return }
        let sweep: Sweep
        do { sweep = try Sweep.parse(json, file: "fuzz") } catch {
            count("sweeps refused")
            return
        }
        count("sweeps read")
        let jobs = sweep.jobs()
        guard let job = jobs.first else { return }
        var instance: Instance?
        switch job.point {
        case .paper(let bound, let target):
            instance = DNNProfiles.named(sweep.paper?.profile ?? "").map {
                PaperScenario.instance(profile: $0, maxLatencySeconds: bound, minAccuracy: target)
            }
        case .users(let profiles, let count):
            let found = profiles.compactMap(DNNProfiles.named)
            if count <= 3, found.count == profiles.count, !found.isEmpty {
                instance = PaperScenario.users(
                    profiles: found, usersPerProfile: count, shareLevels: sweep.users?.shareLevels)
            }
        case .generated:
            guard job.nodes <= 40, job.applications <= 3,
                let config = try? sweep.config(nodes: job.nodes, applications: job.applications, seed: job.seed)
            else { return }
            instance = generated(config)
        case .topology:
            return  // topology files are read from disk; the fuzzer's sweeps name none
        }
        guard let instance, InstanceValidator.issues(of: instance).isEmpty else { return }
        count("sweep instances valid")
        valid(instance, solution: nil)
    }

    /// A generator configuration with hostile values: refused with a typed error, or an instance
    /// that validates or is refused by validation.
    mutating func generator(_ config: GeneratorConfig) {
        count("generator inputs")
        guard let instance = generated(config) else { return }
        guard InstanceValidator.issues(of: instance).isEmpty else {
            count("generated instances refused")
            return
        }
        valid(instance, solution: nil)
    }

    private mutating func generated(_ config: GeneratorConfig) -> Instance? {
        // Settings that are valid but slow (thousands of nodes) are left out; invalid ones are kept.
        if config.problems().isEmpty,
            config.nodes > 40 || config.applications > 3 || config.syntheticModels > 5
                || config.meshDegree > 20 || config.syntheticBlocks.upperBound > 12
        {
            return nil
        }
        do { return try Generator.generate(config) } catch {
            check(!config.problems().isEmpty, "the generator refused settings without problems: \(error)")
            count("generator settings refused")
            return nil
        }
    }

    // MARK: - Checks on valid instances

    /// Every check on an instance that validates.
    private mutating func valid(_ instance: Instance, solution: Solution?) {
        if let solution { evaluate(solution, on: instance) }
        validInstances += 1
        let exact = validInstances % exactEvery == 1 || exactEvery == 1
        let methods =
            [
                "fin-exact", "fin", "fin-epsilon", "mcp", "greedy", "device-only", "edge-only", "cloud-only",
                "energy-lower-bound",
            ] + AuthorsProcedure.allCases.map(\.rawValue)
            + (exact ? ["milp-cbc", "lp-cbc", "fin-multi"] : [])
        var answers: [String: Solution] = [:]
        for name in methods {
            guard let descriptor = try? MethodRegistry.named(name) else { continue }
            var values = ParameterValues()
            if name == "fin" { values[.gamma] = .integer(8) }
            if name == "fin-epsilon" { values[.epsilon] = .real(0.25) }
            if name == "fin-multi" {
                values[.iterations] = .integer(20)
                values[.threads] = .integer(1)
                values[.timeLimitSeconds] = .real(2)
            }
            let answer: Solution
            do { answer = try descriptor.solve(instance, values) } catch {
                check(descriptor.family == .authors, "\(name) threw \(error)")
                continue
            }
            count("solves")
            answers[name] = answer
            answered(answer, by: descriptor, on: instance)
        }
        if let a = answers["fin-exact"], let b = answers["milp-cbc"] {
            count("exact comparisons")
            agree(a, b, instance)
        }
    }

    /// What must hold of any method's answer on a valid instance.
    private mutating func answered(_ s: Solution, by d: MethodDescriptor, on instance: Instance) {
        let name = d.name
        check(
            JSONWriter.nonFinitePaths(in: SolutionFile.encode(s)).isEmpty,
            "\(name): non-finite numbers in its answer")
        check(s.status != .error || d.family == .authors, "\(name): status error: \(s.info["message"] ?? .null)")
        let text = JSONWriter.string(SolutionFile.encode(s))
        do { _ = try SolutionFile.decode(text: text, file: name) } catch {
            check(false, "\(name): its answer does not read back: \(error)")
        }
        guard d.givesDeployment, s.status == .optimal || s.status == .feasible else { return }
        let evaluation = Evaluator(instance).evaluate(s.deployments)
        check(evaluation.feasible, "\(name) says \(s.status.rawValue) but the evaluator finds \(evaluation.violations)")
        let o = s.objectiveJoulesPerSecond ?? .nan
        check(
            abs(o - evaluation.objectiveJoulesPerSecond) <= 1e-9 * max(abs(o), 1e-300),
            "\(name): objective \(o) but the evaluator says \(evaluation.objectiveJoulesPerSecond)")
        if name == "fin-exact", instance.applications.count <= 1 {
            check(s.status == .optimal, "fin-exact on \(instance.applications.count) application(s) says \(s.status)")
        }
    }

    /// FIN-exact and the MILP agree on one application (both exact there), and without applications.
    private mutating func agree(_ fin: Solution, _ milp: Solution, _ instance: Instance) {
        guard instance.applications.count <= 1, milp.status != .error else { return }
        check(fin.status == milp.status, "fin-exact says \(fin.status), milp-cbc \(milp.status)")
        if let a = fin.objectiveJoulesPerSecond, let b = milp.objectiveJoulesPerSecond {
            check(abs(a - b) <= 1e-6 * max(a, b, 1e-300), "fin-exact objective \(a), milp-cbc \(b)")
        }
    }

    /// A solution (mutated or not) against a valid instance: every evaluator entry point.
    private mutating func evaluate(_ solution: Solution, on instance: Instance) {
        count("evaluations")
        let evaluator = Evaluator(instance)
        let evaluation = evaluator.evaluate(solution.deployments)
        check(evaluation.objectiveJoulesPerSecond.isFinite, "non-finite objective on a valid instance")
        for d in evaluation.deployments {
            if let s = d.scores {
                check(
                    [s.energyJoules, s.latencySeconds, s.accuracy].allSatisfy(\.isFinite),
                    "non-finite scores of \(d.application)")
            }
        }
        _ = StatusClaim.conflicts(solution, evaluation)
        let checked = evaluator.checked(solution)
        check(
            JSONWriter.nonFinitePaths(in: SolutionFile.encode(checked)).isEmpty,
            "checked answer holds non-finite numbers")
        for d in solution.deployments.prefix(3) { _ = evaluator.evaluate(d) }
        _ = JSONWriter.string(SolutionFile.encode(evaluator.rescored(solution).0))
    }
}
