import FINEvaluator
import FINGenerator
import FINGraph
import FINModel
import FINTestSupport
import Testing

@testable import FIN
@testable import FINBruteForce

/// `fin-multi`'s bound is valid only if each priced subproblem is solved exactly (or relaxed).
/// Checked against enumeration of every deployment: for random prices on every coupled row, the
/// priced search's least cost is never above any deployment's priced cost, and when the walk it
/// returns is a deployment on its own, that deployment's priced cost (from the evaluator's
/// footprint, a share paid once per node) is exactly the cost the search reported.
@Suite("Priced subproblem")
struct PricedSubproblemTests {
    /// A deployment's priced cost: its energy per second plus each priced row's price times its
    /// use, as a fraction of the capacity (the share itself for a share row).
    static func pricedCost(
        _ energy: Double, _ f: Footprint, _ coupling: Coupling, _ prices: [Double], _ instance: Instance
    ) -> Double {
        var cost = energy
        for (r, resource) in coupling.resources.enumerated() {
            let use: Double
            switch resource {
            case .memory(let n): use = (f.memory.first { $0.node == n }?.bytes ?? 0) / instance.nodes[n].memoryBytes
            case .load(let n): use = (f.load.first { $0.node == n }?.opsPerSecond ?? 0) / instance.nodes[n].opsPerSecond
            case .share(let n): use = f.share.first { $0.node == n }?.share ?? 0
            case .bandwidth(let l):
                use = (f.traffic.first { $0.link == l }?.bitsPerSecond ?? 0) / instance.links[l].bitsPerSecond
            }
            cost += prices[r] * use
        }
        return cost
    }

    @Test func searchMatchesEnumeration() throws {
        var instances = (UInt64(1)...300).map { TinyInstances.make(seed: $0) }
        let levels = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1]
        for users in [2, 3] {
            instances.append(
                PaperScenario.users(profiles: [DNNProfiles.bLeNet], usersPerProfile: users, shareLevels: levels))
        }
        var compared = 0, withShareCharges = 0, exactWalks = 0
        for (i, instance) in instances.enumerated() {
            let evaluator = Evaluator(instance)
            let index = evaluator.index
            let graphs = instance.applications.indices.map {
                ExpandedGraph(index, application: $0, levels: instance.shareLevels ?? [1])
            }
            let coupling = Coupling(graphs: graphs, index: index)
            guard coupling.count > 0 else { continue }
            // Prices on the scale of the energies: each application's least energy alone, averaged.
            let zero = [Double](repeating: 0, count: coupling.count)
            let alone = graphs.compactMap {
                LabelSearch(graph: $0, mode: coupling.priced($0, prices: zero), capacities: Capacities(index)).run()?
                    .priority
            }
            let scale = max(alone.reduce(0, +) / Double(max(alone.count, 1)), 1e-9)
            var rng = SplitMix64(seed: UInt64(i) + 1)
            for (a, g) in graphs.enumerated() {
                let (list, _) = try BruteForce.candidates(instance.applications[a], evaluator, limit: 2_000_000)
                for _ in 0..<3 {
                    let prices = (0..<coupling.count).map { _ in rng.chance(0.25) ? 0 : rng.uniform(0, 3) * scale }
                    let mode = coupling.priced(g, prices: prices)
                    if case .priced(let pricing) = mode, pricing.once != nil { withShareCharges += 1 }
                    let found = LabelSearch(graph: g, mode: mode, capacities: Capacities(index)).run()
                    let best = list.map { Self.pricedCost($0.energy, $0.footprint, coupling, prices, instance) }.min()
                    guard let r = found else {
                        #expect(
                            best == nil,
                            "instance \(i) app \(a): the search finds nothing, enumeration finds \(best ?? .nan)")
                        continue
                    }
                    let optimum = try #require(
                        best, "instance \(i) app \(a): the search finds a walk, enumeration no deployment")
                    compared += 1
                    #expect(
                        r.priority <= optimum * (1 + 1e-9) + 1e-15,
                        "instance \(i) app \(a): search \(r.priority) above the least priced cost \(optimum)")
                    // A walk that is a deployment on its own costs what the search said.
                    guard let (d, _) = g.deployment(along: r.path) else { continue }
                    let e = evaluator.evaluate(d)
                    guard e.feasible, let f = e.deployments[0].footprint else { continue }
                    exactWalks += 1
                    let cost = Self.pricedCost(e.objectiveJoulesPerSecond, f, coupling, prices, instance)
                    #expect(
                        abs(cost - r.priority) <= 1e-9 * max(cost, 1e-12),
                        "instance \(i) app \(a): walk costs \(cost), search said \(r.priority)")
                }
            }
        }
        print(
            "priced subproblem: \(compared) searches compared, \(withShareCharges) with share charges, \(exactWalks) "
                + "walks that are deployments"
        )
        #expect(
            compared >= 200 && withShareCharges >= 30 && exactWalks >= 150,
            "compared \(compared), with share charges \(withShareCharges), walks that are deployments \(exactWalks)")
    }

    /// The infeasibility certificate never fires on an instance that has a joint deployment
    /// (brute force finds one): at prices on each coupled row alone and at random prices, the
    /// applications' least uses never add up to more than the priced capacity. On instances
    /// brute force proves infeasible although every application fits alone (so no least use is
    /// infinite and the proof is the prices'), prices on one row alone often prove it too.
    @Test func certificateIsSound() throws {
        var feasibleChecked = 0, infeasibleProven = 0
        for seed in UInt64(1)...300 {
            let instance = TinyInstances.make(seed: seed)
            let index = NetworkIndex(instance)
            let graphs = instance.applications.indices.map {
                ExpandedGraph(index, application: $0, levels: instance.shareLevels ?? [1])
            }
            let coupling = Coupling(graphs: graphs, index: index)
            guard coupling.count > 0 else { continue }
            let full = Capacities(index)
            var rng = SplitMix64(seed: seed)
            var priceVectors = (0..<coupling.count).map { r in (0..<coupling.count).map { $0 == r ? 1.0 : 0 } }
            priceVectors += (0..<10).map { _ in
                (0..<coupling.count).map { _ in rng.chance(0.3) ? 0 : rng.uniform(0, 1) }
            }
            let feasible = try BruteForce.solve(instance).status == .optimal
            var proven = false
            for prices in priceVectors {
                let least = graphs.map { coupling.leastUse($0, prices: prices, capacities: full) }
                let ratio = coupling.certificate(leastUses: least, prices: prices)
                if feasible {
                    #expect(
                        ratio == nil,
                        "seed \(seed): a certificate (ratio \(ratio ?? 0)) on a feasible instance, prices \(prices)"
                    )
                } else if ratio != nil, least.allSatisfy({ ($0 ?? .infinity) < .infinity }) {
                    proven = true
                }
            }
            if feasible { feasibleChecked += 1 } else if proven { infeasibleProven += 1 }
        }
        print(
            "certificate: \(feasibleChecked) feasible instances never certified, \(infeasibleProven) infeasible ones "
                + "where every application fits alone proven by prices on one row or random prices"
        )
        #expect(
            feasibleChecked >= 50 && infeasibleProven >= 10, "feasible \(feasibleChecked), proven \(infeasibleProven)")
    }
}
