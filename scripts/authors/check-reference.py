#!/usr/bin/env python3
"""Checks the Octave reference CSVs for internal consistency: the energy the authors' functions
returned must follow, by their own energy formulas (docs/AUTHORS.md, points 1, 3, 8), from the
configuration the driver read out of `p`. A configuration read at the wrong moment would fail.

    python3 scripts/authors/check-reference.py [RESOURCES_DIR]
"""
import collections
import csv
import sys

res = sys.argv[1] if len(sys.argv) > 1 else "Tests/FINAuthorsTests/Resources"
POWER = [6, 140, 400]           # W: device, edge, cloud
NJ = [30, 37, 12.6]             # nJ/bit per tier
failures = 0


def hosts(configuration):
    return [int(c) for c in configuration.split("|")[0]]


# Single model: B-AlexNet op list of the single-model files, their speeds in TOPS.
ops = [22.62, 6.711, 10.145, 19.201, 13.523]
features = [27 * 27 * 256, 13 * 13 * 384, 13 * 13 * 384, 13 * 13 * 256]
tops = [11, 153.4, 312]
rows = list(csv.DictReader(open(f"{res}/authors-reference-cifar10.csv")))
for r in rows:
    h = hosts(r["configuration"])
    energy = 0.0
    for i, t in enumerate(h):
        if not t:
            continue
        energy += POWER[t - 1] * ops[i] / (tops[t - 1] * 1000)
        if i > 0 and t > h[i - 1]:
            bits = features[i - 1] * 8
            # ifg_high.m charges twice the sender's nJ/bit; the others sender + receiver.
            receiver = h[i - 1] if r["procedure"] == "ifg_high" else t
            energy += bits * NJ[receiver - 1] / 1e9 + bits * NJ[h[i - 1] - 1] / 1e9
    if abs(energy - float(r["energyJoules"])) > 1e-12:
        failures += 1
        print("single-model row inconsistent:", r)
print(f"single model: {len(rows)} rows checked")

# Multi-model: per DNN, summed over its users; the energy section uses LeNet's outputs for all
# DNNs and drops the factor 1000 on AlexNet's cloud speed.
multi_ops = {"b-alexnet": [22.62, 6.711, 19.201, 13.523, 29.084],
             "b-resnet": [0.7733, 1.0803, 1.0593, 3.5043, 11.7704],
             "b-lenet": [0.1674, 0.04, 0.048]}
rate = {"b-alexnet": 0.001, "b-resnet": 0.01, "b-lenet": 0.002}
lenet_features = [10 * 10 * 16, 1 * 1 * 120]
groups = collections.defaultdict(list)
for r in csv.DictReader(open(f"{res}/authors-reference-multi.csv")):
    groups[(r["procedure"], int(r["users"]), r["model"])].append(r)
for (procedure, n, model), rs in sorted(groups.items()):
    if model == "b-alexnet":
        speed = [11, 153.4 * rate[model] * 1000 / n, 312 * rate[model] / n]
    else:
        speed = [11, 153.4 * 1000 * rate[model] / n, 312 * 1000 * rate[model] / n]
    energy = 0.0
    for r in rs:
        h = hosts(r["configuration"])
        for i, t in enumerate(h):
            if not t:
                continue
            energy += POWER[t - 1] * multi_ops[model][i] / (speed[t - 1] * 1000)
            if i > 0 and t > h[i - 1]:
                bits = lenet_features[i - 1] * 8
                energy += bits * NJ[t - 1] / 1e9 + bits * NJ[h[i - 1] - 1] / 1e9
    expected = float(rs[0]["modelEnergyJoules"])
    if abs(energy - expected) > 1e-9 * max(expected, 1e-12):
        failures += 1
        print("multi-model group inconsistent:", procedure, n, model, energy, expected)
print(f"multi-model: {len(groups)} groups checked")
sys.exit(1 if failures else 0)
