// swift-tools-version: 6.0
//
// FIN workbench: energy-minimal deployment of early-exit ("branchy") DNNs over
// mobile-edge-cloud networks. See README.md for the tour and docs/ for the model.

import PackageDescription

let package = Package(
    name: "FINBench",
    platforms: [.macOS(.v13)],
    products: [
        /// Model types, JSON file formats and validation (fin-instance/1, fin-solution/1).
        .library(name: "FINModel", targets: ["FINModel"]),
        /// The single evaluator that scores every deployment.
        .library(name: "FINEvaluator", targets: ["FINEvaluator"]),
        /// Seeded instance generator and the shipped DNN profiles.
        .library(name: "FINGenerator", targets: ["FINGenerator"]),
        /// Solver-agnostic linear models, options, canonical statuses, MPS/LP writers.
        .library(name: "FINLinear", targets: ["FINLinear"]),
        /// GLPK backend. GLPK is GPL-3.0-or-later: linking this product makes the result GPL.
        .library(name: "FINSolverGLPK", targets: ["FINSolverGLPK"]),
        /// CBC backend. COIN-OR CBC is EPL-2.0.
        .library(name: "FINSolverCBC", targets: ["FINSolverCBC"]),
        /// HiGHS backend. HiGHS is MIT; scripts/setup.sh installs it (PyPI wheel highsbox, pinned).
        .library(name: "FINSolverHiGHS", targets: ["FINSolverHiGHS"]),
        /// The network-expanded graph of an application and paths on it.
        .library(name: "FINGraph", targets: ["FINGraph"]),
        /// FIN, FIN-exact, FIN-epsilon and the baselines.
        .library(name: "FIN", targets: ["FIN"]),
        /// The exact MILP formulation and its decoder (solver-agnostic).
        .library(name: "FINMILP", targets: ["FINMILP"]),
        /// The method registry: every method, its parameters and how to run it. Links every solver
        /// backend (GLPK among them: GPL-3.0-or-later).
        .library(name: "FINMethods", targets: ["FINMethods"]),
        /// Per-application hardness figures: trade-off, bound position, what binds.
        .library(name: "FINHardness", targets: ["FINHardness"]),
        /// Exhaustive enumeration, the oracle for tiny instances.
        .library(name: "FINBruteForce", targets: ["FINBruteForce"]),
        /// The authors' own decision procedures (their MATLAB code), ported; scored by the evaluator.
        .library(name: "FINAuthors", targets: ["FINAuthors"]),
        /// SVG drawings of networks and deployments.
        .library(name: "FINDraw", targets: ["FINDraw"]),
        /// The command-line tool.
        .executable(name: "finbench", targets: ["finbench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        .target(name: "FINModel"),
        .target(name: "FINEvaluator", dependencies: ["FINModel"]),
        .target(name: "FINDraw", dependencies: ["FINModel"]),
        .target(name: "FINGenerator", dependencies: ["FINModel", "FINGraph", "FINEvaluator"]),
        .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),
        .systemLibrary(name: "CCbc", pkgConfig: "cbc", providers: [.apt(["coinor-libcbc-dev"])]),
        // No Debian package: scripts/setup.sh writes /usr/local/lib/pkgconfig/highs.pc and an
        // ld.so.conf.d entry for /usr/local/lib/highs/lib (no rpath or environment needed).
        .systemLibrary(name: "CHiGHS", pkgConfig: "highs"),
        .target(name: "_CGLPKShim", dependencies: ["CGLPK"], linkerSettings: [.linkedLibrary("glpk")]),
        .target(name: "FINLinear"),
        .target(name: "_CStdioShim"),
        .target(name: "FINSolverGLPK", dependencies: ["FINLinear", "CGLPK", "_CGLPKShim"]),
        .target(name: "FINSolverCBC", dependencies: ["FINLinear", "CCbc"]),
        .target(name: "FINSolverHiGHS", dependencies: ["FINLinear", "CHiGHS"]),
        .target(
            name: "FINGraph", dependencies: ["FINModel", .product(name: "HeapModule", package: "swift-collections")]),
        .target(
            name: "FIN",
            dependencies: [
                "FINModel", "FINEvaluator", "FINGraph", "FINLinear",
                .product(name: "HeapModule", package: "swift-collections"),
            ]),
        .target(name: "FINMILP", dependencies: ["FINModel", "FINEvaluator", "FINLinear", "FINGraph"]),
        .target(
            name: "FINMethods",
            dependencies: [
                "FINModel", "FINLinear", "FINMILP", "FINSolverGLPK", "FINSolverCBC", "FINSolverHiGHS", "FIN",
                "FINAuthors",
            ]),
        .target(name: "FINBruteForce", dependencies: ["FINModel", "FINEvaluator"]),
        .target(
            name: "FINHardness",
            dependencies: [
                "FINModel", "FINEvaluator", "FINGraph", "FIN",
                .product(name: "HeapModule", package: "swift-collections"),
            ]),
        .target(name: "FINTestSupport", dependencies: ["FINModel", "FINLinear"]),
        .target(
            name: "FINHarness",
            dependencies: ["FINModel", "FINEvaluator", "FINGenerator", "FINMethods", "FINHardness"]),
        .target(
            name: "FINCommandLine", dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(
            name: "finbench",
            dependencies: [
                "FINModel", "FINEvaluator", "FINGenerator", "FINLinear", "FINMILP", "FINSolverGLPK", "FINSolverCBC",
                "FIN",
                "FINCommandLine", "FINHarness", "FINMethods", "_CStdioShim", "FINHardness", "FINDraw",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "finbench-bench",
            dependencies: [
                "FINModel", "FINGenerator", "FINLinear", "FINMILP", "FINSolverGLPK", "FINSolverCBC", "FINSolverHiGHS",
                "FINTestSupport", "FIN", "FINEvaluator", "FINGraph", "FINCommandLine", "FINHarness",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "finbench-fuzz",
            dependencies: [
                "FINModel", "FINEvaluator", "FINGenerator", "FINMethods", "FINHarness", "FIN", "FINAuthors",
                "FINTestSupport",
            ]),
        .testTarget(name: "FINModelTests", dependencies: ["FINModel"]),
        .testTarget(name: "FINEvaluatorTests", dependencies: ["FINModel", "FINEvaluator", "FINGenerator"]),
        .testTarget(name: "FINGeneratorTests", dependencies: ["FINModel", "FINEvaluator", "FINGenerator"]),
        .testTarget(
            name: "FINLinearTests",
            dependencies: ["FINLinear", "FINSolverGLPK", "FINSolverCBC", "FINSolverHiGHS", "FINTestSupport"]),
        .testTarget(
            name: "FINMILPTests",
            dependencies: [
                "FINModel", "FINEvaluator", "FINGenerator", "FINLinear", "FINMILP", "FINSolverGLPK", "FINSolverCBC",
                "FINSolverHiGHS", "FINBruteForce", "FINTestSupport",
            ]),
        .testTarget(
            name: "FINTests",
            dependencies: [
                "FIN", "FINModel", "FINEvaluator", "FINGenerator", "FINLinear", "FINMILP", "FINSolverGLPK",
                "FINSolverCBC", "FINBruteForce", "FINTestSupport",
            ]),
        .target(name: "FINAuthors", dependencies: ["FINModel", "FINEvaluator"]),
        .testTarget(
            name: "FINAuthorsTests", dependencies: ["FINAuthors", "FINModel", "FINGenerator"],
            resources: [.copy("Resources")]),
        .testTarget(name: "FINDrawTests", dependencies: ["FINDraw", "FINModel", "FINGenerator"]),
        .testTarget(name: "FINHarnessTests", dependencies: ["FINHarness", "FINModel"]),
        .testTarget(
            name: "FINMethodsTests",
            dependencies: ["FINMethods", "FINModel", "FINGenerator", "FINBruteForce", "FINTestSupport"]),
        .testTarget(
            name: "CLITests", dependencies: ["finbench", "FINModel", "FINHarness", "FINMethods", "FINTestSupport"]),
        .testTarget(name: "FINHardnessTests", dependencies: ["FINHardness", "FINModel", "FINGenerator", "FIN"]),
        /// The mutation fuzzer, run in a child process so that a trap is reported, not fatal.
        .testTarget(name: "FuzzTests", dependencies: ["finbench-fuzz", "FINHarness", "FINTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
