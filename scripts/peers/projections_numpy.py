#!/usr/bin/env python3
"""The Monte Carlo projection model in vectorised numpy: the peer for scripts/bench-projections.

Usage: projections_numpy.py INPUT.json [--paths N] [--seed S] [--warmup N]

Reads the same input file as the ProjectionBenchmark executable and implements the same model
(issue "Projection engine", section Monte Carlo; Sources/Projections/MonteCarlo.swift):

- paths are allocated to scenarios in proportion to probability by largest remainder (ties to
  the earlier scenario), in scenario order, so scenario k owns one contiguous range of paths;
- base shares and target shares are normalised to sum to 1 (unless they do to within 1e-9);
- on each path one z ~ N(0,1) shifts the whole growth path, g'(t) = g(t) + sigma_g*z, and the
  market grows as M(t) = M(t-1)*max(0, 1 + g'(t)) from the base-year size;
- target shares are perturbed as s'(H) = softmax(log s(H) + sigma_s*eps) with eps_i ~ N(0,1);
- shares move as s(t) = s(b) + w(t)*(s'(H) - s(b)) with the linear or s-curve weight w(t);
  revenue R(t) = M(t)*s(t);
- for every (year, vendor) of market size, revenue and share, over all paths (the mixture) and
  per scenario: P10, P50, P90 with np.percentile(..., axis=0) (default "linear" method) and the
  mean.

The random numbers come from numpy (np.random.default_rng(seed), PCG64 + numpy's normal
sampler), not from our per-path xoshiro256** streams, so the results agree with ours
statistically (within Monte Carlo error), not bit for bit. Every path draws 1 + V normals
(z, then eps), as ours does.

Only the simulation and the statistics are timed (after the input is read and numpy imported).
Prints one JSON line with the same fields as ProjectionBenchmark. numpy runs these elementwise
operations and the percentile partitions on one thread.
"""

import json
import math
import sys
import time

import numpy as np


def peak_rss_kib():
    """Peak RSS in KiB: VmHWM on Linux, where ru_maxrss keeps the launcher's peak across exec."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def allocate(paths, probabilities):
    """Largest remainder, ties to the earlier scenario; same float operations as MonteCarlo.allocate."""
    total = 0.0
    for p in probabilities:
        total += p
    if total <= 0 or paths <= 0:
        return [0 for _ in probabilities]
    quotas = [float(paths) * p / total for p in probabilities]
    counts = [math.floor(q) for q in quotas]
    remainders = sorted(((i, q - counts[i]) for i, q in enumerate(quotas)), key=lambda r: (-r[1], r[0]))
    for i, _ in remainders[:paths - sum(counts)]:
        counts[i] += 1
    return counts


def weight(curve, year, base_year, horizon):
    """w(t) for the linear or s-curve share path (ShareCurve.weight)."""
    if horizon <= base_year:
        return 1.0
    linear = (year - base_year) / (horizon - base_year)
    if curve["type"] == "linear":
        return linear
    m, k = curve["midpoint"], curve["steepness"]

    def logistic(x):
        return 1 / (1 + math.exp(-k * (x - m)))

    start, end = logistic(float(base_year)), logistic(float(horizon))
    if not end - start > 1e-12:
        return linear
    return (logistic(float(year)) - start) / (end - start)


def normalised(xs):
    """Rescaled to sum to 1 unless they already do to within 1e-9 (MarketInput.normalised)."""
    total = 0.0
    for x in xs:
        total += x
    xs = np.asarray(xs, dtype=np.float64)
    return xs / total if total > 0 and abs(total - 1) > 1e-9 else xs


def run(problem, paths, seed):
    """All paths, then the bands. Returns (years, allocation, bands per group: [mixture, scenario...])."""
    market = problem["market"]
    scenarios = problem["scenarios"]
    b = market["base_year"]
    common = max(b, min(s["horizon"] for s in scenarios))
    years = list(range(b + 1, common + 1))
    Y, V = len(years), len(market["vendors"])
    base = normalised(market["base_shares"])
    allocation = allocate(paths, [s["probability"] for s in scenarios])
    starts = np.concatenate([[0], np.cumsum(allocation)]).astype(int)

    rng = np.random.default_rng(seed)
    normals = rng.standard_normal((paths, 1 + V))  # per path: z, then eps_1..eps_V
    # One row per path, one column per figure: market size per year, then revenue and share per
    # (year, vendor) - the same layout as ours.
    data = np.empty((paths, Y * (1 + 2 * V)))
    market_size = data[:, :Y]
    revenue = data[:, Y:Y + Y * V].reshape(paths, Y, V)
    share = data[:, Y + Y * V:].reshape(paths, Y, V)
    assert np.shares_memory(revenue, data) and np.shares_memory(share, data)

    for k, s in enumerate(scenarios):
        lo, hi = starts[k], starts[k + 1]
        if hi == lo:
            continue
        n = hi - lo
        z = normals[lo:hi, 0]
        eps = normals[lo:hi, 1:]
        growth = np.array([float(s["growth_by_year"].get(str(t), s["cagr"])) for t in years])
        w = np.array([weight(s["curve"], t, b, s["horizon"]) for t in years])
        targets = normalised(s["target_shares"])
        # Market: M(t) = M(t-1)*max(0, 1 + g(t) + sigma_g*z), multiplied in year order.
        steps = np.empty((n, Y + 1))
        steps[:, 0] = market["base_size"]
        np.maximum(0.0, (1 + growth)[None, :] + s["cagr_sigma"] * z[:, None], out=steps[:, 1:])
        np.multiply.accumulate(steps, axis=1, out=steps)
        market_size[lo:hi] = steps[:, 1:]
        # Targets: softmax(log s(H) + sigma_s*eps), or the targets themselves when sigma_s = 0.
        if s["share_log_sigma"] > 0:
            with np.errstate(divide="ignore"):
                logits = np.log(targets)[None, :] + s["share_log_sigma"] * eps
            largest = logits.max(axis=1, keepdims=True)
            target = np.exp(logits - largest)
            target /= target.sum(axis=1, keepdims=True)
        else:
            target = np.broadcast_to(targets, (n, V))
        # Shares s(b) + w(t)*(s'(H) - s(b)); revenue M(t)*s(t).
        out = share[lo:hi]
        np.multiply(w[None, :, None], (target - base[None, :])[:, None, :], out=out)
        out += base
        np.multiply(steps[:, 1:, None], out, out=revenue[lo:hi])

    groups = [(0, paths)] + [(starts[k], starts[k + 1]) for k in range(len(scenarios))]
    bands = []
    for lo, hi in groups:
        if hi == lo:
            bands.append(None)
            continue
        block = data[lo:hi]
        p10, p50, p90 = np.percentile(block, [10, 50, 90], axis=0)
        bands.append({"p10": p10, "p50": p50, "p90": p90, "mean": block.mean(axis=0)})
    return years, allocation, bands


def main(argv):
    if not argv or argv[0].startswith("--"):
        raise SystemExit("usage: projections_numpy.py INPUT.json [--paths N] [--seed S] [--warmup N]")

    def option(name, default):
        return int(argv[argv.index(name) + 1]) if name in argv else default

    with open(argv[0], encoding="utf-8") as f:
        problem = json.load(f)
    paths = option("--paths", problem["paths"])
    seed = option("--seed", problem["seed"])
    warmup = option("--warmup", 0)
    baseline = peak_rss_kib()
    for _ in range(warmup):
        run(problem, paths, seed)
    start = time.perf_counter()
    years, allocation, bands = run(problem, paths, seed)
    elapsed = time.perf_counter() - start
    Y, V = len(years), len(problem["market"]["vendors"])
    mixture = bands[0]
    market_column = Y - 1
    share0_column = Y + Y * V + (Y - 1) * V + 0
    print(json.dumps({
        "implementation": "numpy", "elapsed_s": elapsed, "peak_rss_kib": peak_rss_kib(),
        "baseline_rss_kib": baseline, "threads": 1, "paths": paths, "seed": seed, "warmup": warmup,
        "years": years, "allocation": allocation,
        "market_p50": float(mixture["p50"][market_column]), "market_mean": float(mixture["mean"][market_column]),
        "market_p10": float(mixture["p10"][market_column]), "market_p90": float(mixture["p90"][market_column]),
        "share0_p50": float(mixture["p50"][share0_column]), "share0_mean": float(mixture["mean"][share0_column]),
        "numpy": np.__version__,
    }, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1:])
