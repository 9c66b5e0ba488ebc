"""Exports topohub's Topology Zoo, SNDlib and CAIDA networks to NetworkX node-link JSON files.

Usage: python scripts/topohub-export.py OUT_DIR
Writes OUT_DIR/<group>/<name>.json (group: topozoo, sndlib, caida) with nodes, edges (source,
target, dist in km) and node positions (pos = [longitude, latitude]), sorted keys: the files are
byte-identical on every run. Demands and routing statistics are dropped.

Eleven SNDlib networks (atlanta, di-yuan, france, giul39, newyork, norway, pioro40, sun, ta1, ta2,
zib54) carry planar drawing coordinates, not longitudes and latitudes (values such as 283 or 557),
and topohub's `dist` for them is the haversine of those numbers, meaningless as km. finbench
rejects such positions (out of range); this export writes those networks without `pos` and
`dist` (the planar coordinates kept as `x`, `y`, which finbench ignores; links take the default
length) and lists them in `graph.note`.
"""
import importlib.resources
import json
import os
import sys

import topohub


def main(out):
    root = importlib.resources.files(topohub) / "data"
    groups = {"topozoo": "topozoo", "sndlib": "sndlib", "caida": "caida/2024-08"}
    for group, folder in groups.items():
        base = root / folder
        names = sorted(p.name[:-5] for p in base.iterdir() if p.name.endswith(".json"))
        os.makedirs(os.path.join(out, group), exist_ok=True)
        for name in names:
            topo = topohub.get(f"{folder}/{name}")
            planar = any(not (-180 <= n["pos"][0] <= 180 and -90 <= n["pos"][1] <= 90)
                         for n in topo["nodes"] if "pos" in n)
            if planar:
                for n in topo["nodes"]:
                    if "pos" in n:
                        n["x"], n["y"] = n.pop("pos")
                for e in topo["edges"]:
                    e.pop("dist", None)
            doc = {
                "directed": topo.get("directed", False),
                "multigraph": topo.get("multigraph", False),
                "graph": {"name": topo["graph"].get("name", name)},
                "nodes": [{k: n[k] for k in ("id", "name", "pos", "x", "y") if k in n} for n in topo["nodes"]],
                "edges": [{k: e[k] for k in ("source", "target", "dist") if k in e} for e in topo["edges"]],
            }
            if planar:
                doc["graph"]["note"] = "planar coordinates (x, y), not positions; topohub's dist dropped"
                print(f"{group}/{name}: planar coordinates, positions and lengths dropped", file=sys.stderr)
            with open(os.path.join(out, group, f"{name}.json"), "w") as f:
                json.dump(doc, f, sort_keys=True, separators=(",", ":"))
                f.write("\n")
        print(f"{group}: {len(names)} networks", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
