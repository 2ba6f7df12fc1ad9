#!/usr/bin/env python3
"""kaml against PyTorch on the engine's reference model, side by side, on the same machine.

Runs `./kaml bench` and a PyTorch implementation of the same model and training in turns over N rounds
(each in a fresh process, the order alternating), then prints every figure's median over the rounds and
kaml's ratio to each PyTorch variant. `scripts/torch-side-by-side.sh` sets up PyTorch and calls this.

What PyTorch runs, as kaml's bench (io.kaml.bench.EngineBenchmark) does:
  data      SyntheticData's distribution: 20 fields x 100,000 buckets, ids drawn from a bounded power law
            (exponent 0.9 for the first field to 1.3 for the last) and scattered by a per-field permutation;
            300 advertisers each targeting one of 5 actions (weight 1/(j+1)^1.2); action j positive with
            probability 0.12/(j+1)^1.5. The same distribution, not the same draws (kaml's SplittableRandom).
  model     ModelConfig.reference(): one shared embedding table [2,000,000, 16] (U(+-0.05)); MMoE with
            4 experts 320 -> 128 -> 64 (ReLU after both, He-uniform), 5 softmax gates 320 -> 4 (Xavier);
            5 towers 64 -> 32 (ReLU, He) -> 1 (Xavier); zero biases.
  loss      masked BCE with the target mask: per action, the sum over the samples that target it divided
            by their count (at least 1), summed over actions.
  optimiser dense Adam (lr 1e-3, betas 0.9/0.999, eps 1e-8); the embedding table's sparse gradient either
            through torch.optim.SparseAdam (only touched rows, bias correction by the global step) or through
            kaml's lazy Adam (only touched rows, bias correction by each row's own update count).
  training  one epoch per batch size, a fresh model each, rows shuffled; the first 20% of the steps are
            warm-up; samples/s = rows of the other steps / their wall time.
  inference every row scored in chunks of 1024 (kaml's Scorer), median of 3 passes after a warm-up pass.
  latency   one row per call, forward + sigmoid, 20,000 untimed calls then 100,000 timed (--quick: 20,000),
            nearest-rank p50/p99/p99.9.
  threads   torch.set_num_threads(--threads), one inter-op thread; kaml bench --threads the same.
  compile   torch.compile of everything after the embedding lookup (the sparse lookup stays eager), where
            torch has it and it works here; otherwise the table says why it is missing.
"""

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIELDS = 20
BUCKETS = 100_000
ACTIONS = 5
EMBEDDING_DIM = 16
EMBEDDING_INIT = 0.05
EXPERTS = 4
EXPERT_HIDDEN = (128, 64)
TOWER_HIDDEN = (32,)
BATCH_SIZES = (1024, 4096)
WARM_UP_FRACTION = 0.2
LEARNING_RATE = 1e-3
BETAS = (0.9, 0.999)
EPSILON = 1e-8
SCORER_CHUNK = 1024
INFERENCE_PASSES = 3
WARM_UP_REQUESTS = 20_000
MIN_EXPONENT, MAX_EXPONENT = 0.9, 1.3
ADVERTISERS = 300
TARGET_SKEW = 1.2
BASE_RATE = 0.12
RATE_SKEW = 1.5
# kaml bench's sizes: the reference run and --quick
ROWS, QUICK_ROWS = 500_000, 100_000
REQUESTS, QUICK_REQUESTS = 100_000, 20_000
# where a malloc that keeps PyTorch's large temporaries out of mmap/munmap may be installed
MALLOCS = ("libtcmalloc_minimal.so.4", "libtcmalloc.so.4", "libjemalloc.so.2")
MALLOC_DIRS = ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib")

TRAINING_VARIANTS = {
    "sparse_adam": "torch, SparseAdam",
    "lazy_adam": "torch, kaml's lazy Adam",
    "compiled": "torch.compile, SparseAdam",
}
SERVING_VARIANTS = {"eager": "torch", "compiled": "torch.compile"}


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="torch-side-by-side",
        description="kaml bench and a PyTorch implementation of the same reference model, in turns over N rounds; "
                    "prints medians and kaml's ratio to each PyTorch variant.")
    parser.add_argument("--rounds", type=positive, default=3, help="rounds, each running both (default 3)")
    parser.add_argument("--threads", type=positive, default=2,
                        help="kaml bench --threads and torch.set_num_threads (default 2)")
    parser.add_argument("--quick", action="store_true",
                        help="kaml bench --quick sizes on both sides: 100,000 rows, 20,000 requests")
    parser.add_argument("--rows", type=positive, help="training rows (default 500,000; 100,000 with --quick)")
    parser.add_argument("--requests", type=positive,
                        help="timed single requests (default 100,000; 20,000 with --quick)")
    parser.add_argument("--seed", type=int, default=1, help="data and initialisation seed (default 1)")
    parser.add_argument("--compile", choices=("auto", "off"), default="auto",
                        help="auto: measure torch.compile where it works (default); off: skip it")
    parser.add_argument("--malloc", choices=("auto", "system"), default="auto",
                        help="auto: preload tcmalloc or jemalloc for PyTorch when installed (default); system: glibc's")
    parser.add_argument("--kaml", default=str(Path(__file__).resolve().parent.parent / "kaml"),
                        help="the kaml launcher (default: this repository's ./kaml)")
    parser.add_argument("--out", help="directory for each round's JSON and logs (default: a new temporary one)")
    # internal: the shell script checks the arguments before it sets PyTorch up; each round measures PyTorch
    # in a child process of its own
    parser.add_argument("--check-args", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure-torch", metavar="JSON", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.rows = args.rows or (QUICK_ROWS if args.quick else ROWS)
    args.requests = args.requests or (QUICK_REQUESTS if args.quick else REQUESTS)
    return args


def positive(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


# ---------------------------------------------------------------------------------------------------------
# The comparison: rounds of kaml bench and the PyTorch measurement, each in its own process.


def compare(args):
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="kaml-vs-torch-"))
    out.mkdir(parents=True, exist_ok=True)
    malloc = find_malloc() if args.malloc == "auto" else None
    print(f"kaml vs PyTorch: {args.rounds} rounds, {args.rows:,} rows, {args.requests:,} requests, "
          f"{args.threads} threads; results in {out}", flush=True)
    print(f"PyTorch's malloc: {malloc or 'glibc'}", flush=True)
    # build the CLI now if its sources changed, not inside the first round
    build = subprocess.run([args.kaml, "--version"], capture_output=True, text=True)
    if build.returncode != 0:
        sys.exit(f"torch-side-by-side: {args.kaml} --version failed:\n{build.stderr}")
    kaml_runs, torch_runs = [], []
    for r in range(1, args.rounds + 1):
        # alternate who goes first, so that neither always inherits the other's cache and clock state
        order = ("kaml", "torch") if r % 2 == 1 else ("torch", "kaml")
        for side in order:
            start = time.monotonic()
            if side == "kaml":
                kaml_runs.append(run_kaml(args, out, r))
            else:
                torch_runs.append(run_torch(args, out, r, malloc))
            print(f"round {r}/{args.rounds}: {side} done in {time.monotonic() - start:.0f} s", flush=True)
    print()
    print(f"PyTorch {torch_runs[0]['torch_version']}; {kaml_runs[0].get('blas') or 'no BLAS'} as kaml's BLAS peak")
    for variant, reason in torch_runs[0].get("unavailable", {}).items():
        print(f"{variant}: not measured, {reason}")
    print()
    print(table(kaml_runs, torch_runs, args.rounds))


def run_kaml(args, out, round_number):
    result = out / f"kaml-{round_number}.json"
    command = [args.kaml, "bench", "--threads", str(args.threads), "--seed", str(args.seed),
               "--rows", str(args.rows), "--requests", str(args.requests), "--json", str(result)]
    if args.quick:
        command.append("--quick")
    with open(out / f"kaml-{round_number}.log", "w") as log:
        subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, check=True)
    return json.loads(result.read_text())


def run_torch(args, out, round_number, malloc):
    result = out / f"torch-{round_number}.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--measure-torch", str(result),
               "--threads", str(args.threads), "--seed", str(args.seed), "--rows", str(args.rows),
               "--requests", str(args.requests), "--compile", args.compile]
    env = dict(os.environ)
    if malloc:
        env["LD_PRELOAD"] = (malloc + " " + env.get("LD_PRELOAD", "")).strip()
    with open(out / f"torch-{round_number}.log", "w") as log:
        subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, check=True, env=env)
    return json.loads(result.read_text())


def find_malloc():
    for directory in MALLOC_DIRS:
        for name in MALLOCS:
            path = os.path.join(directory, name)
            if os.path.exists(path):
                return path
    return None


def table(kaml_runs, torch_runs, rounds):
    """Medians [min-max] over the rounds, and kaml's advantage: its rate / torch's, or torch's latency / its."""
    rows = []
    for batch in BATCH_SIZES:
        label = f"training, batch {batch} (samples/s)"
        kaml = [run[f"train_samples_per_s_batch{batch}"] for run in kaml_runs]
        rows.append((label, "kaml", kaml, None, False))
        for key, name in TRAINING_VARIANTS.items():
            rows.append(("", name, [run["train"].get(key, {}).get(str(batch)) for run in torch_runs], kaml, False))
    serving = [("batch inference (samples/s)", "infer_samples_per_s", "infer", None),
               ("single request p50 (µs)", "predict_p50_us", "latency", "p50_us"),
               ("single request p99 (µs)", "predict_p99_us", "latency", "p99_us")]
    for label, kaml_key, torch_key, field in serving:
        kaml = [run[kaml_key] for run in kaml_runs]
        rows.append((label, "kaml", kaml, None, field is not None))
        for key, name in SERVING_VARIANTS.items():
            values = [run[torch_key].get(key) for run in torch_runs]
            rows.append(("", name, [v if field is None or v is None else v[field] for v in values], kaml, field is not None))
    if all("peak_rss_mb" in run for run in torch_runs):
        kaml = [run["peak_rss_mb"] for run in kaml_runs]
        rows.append(("peak RSS (MB, whole process)", "kaml", kaml, None, True))
        rows.append(("", "torch, every variant", [run["peak_rss_mb"] for run in torch_runs], kaml, True))
    lines = [f"{'figure':<32} {'engine':<26} {'median':>12} {'[min-max] over ' + str(rounds):>26} {'kaml x':>8}"]
    for label, engine, values, kaml, latency in rows:
        if any(v is None for v in values):
            lines.append(f"{label:<32} {engine:<26} {'n/a':>12}")
            continue
        median = statistics.median(values)
        spread = f"[{number(min(values))}-{number(max(values))}]"
        ratio = ""
        if kaml is not None:
            ratio = f"{(median / statistics.median(kaml)) if latency else (statistics.median(kaml) / median):.2f}"
        lines.append(f"{label:<32} {engine:<26} {number(median):>12} {spread:>26} {ratio:>8}")
    lines.append("")
    lines.append("kaml x: how many times kaml is faster than that PyTorch variant (its samples/s over torch's, "
                 "torch's latency over its; for peak RSS, torch's over kaml's); > 1 favours kaml.")
    return "\n".join(lines)


def number(value):
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.1f}"


# ---------------------------------------------------------------------------------------------------------
# The PyTorch measurement: one process, every variant, written as JSON.


def measure_torch(args):
    import torch

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    generator = torch.Generator().manual_seed(args.seed)
    ids, target, labels = synthetic_data(torch, args.rows, generator)
    result = {"torch_version": torch.__version__, "threads": torch.get_num_threads(), "rows": args.rows,
              "train": {}, "infer": {}, "latency": {}, "unavailable": {}}
    compile_problem = None
    if args.compile == "off":
        compile_problem = "--compile off"
    elif not hasattr(torch, "compile"):
        compile_problem = f"torch {torch.__version__} has no torch.compile"
    for variant in TRAINING_VARIANTS:
        if variant == "compiled" and compile_problem:
            result["unavailable"]["torch.compile"] = compile_problem
            continue
        rates = {}
        try:
            for batch in BATCH_SIZES:
                model = ReferenceModel.create(torch, args.seed, compiled=variant == "compiled")
                rates[str(batch)] = train_epoch(torch, model, variant, ids, target, labels, batch, args.seed)
                print(f"{TRAINING_VARIANTS[variant]}, batch {batch}: {rates[str(batch)]:,.0f} samples/s", flush=True)
        except Exception as e:  # torch.compile needs a C++ compiler and a supported platform: report, go on
            if variant != "compiled":
                raise
            compile_problem = f"torch.compile failed: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
            result["unavailable"]["torch.compile"] = compile_problem
            continue
        result["train"][variant] = rates
    for variant in SERVING_VARIANTS:
        if variant == "compiled" and compile_problem:
            continue
        model = ReferenceModel.create(torch, args.seed, compiled=variant == "compiled")
        result["infer"][variant] = inference(torch, model, ids)
        result["latency"][variant] = latency(torch, model, ids, args.requests)
        print(f"{SERVING_VARIANTS[variant]}: inference {result['infer'][variant]:,.0f} samples/s, "
              f"p50 {result['latency'][variant]['p50_us']:.1f} µs", flush=True)
    # The whole process's high-water mark, as kaml's bench reports its own (VmHWM): every variant ran in it.
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    Path(args.measure_torch).write_text(json.dumps(result, indent=2) + "\n")


def synthetic_data(torch, rows, generator):
    """SyntheticData's distribution. ids [rows, FIELDS] are rows of the shared table (field f owns
    [f * BUCKETS, (f + 1) * BUCKETS)); target [rows]; labels [rows, ACTIONS], 0 where unreported."""
    ids = torch.empty(rows, FIELDS, dtype=torch.int64)
    for f in range(FIELDS):
        exponent = MIN_EXPONENT + (MAX_EXPONENT - MIN_EXPONENT) * f / (FIELDS - 1)
        bucket_of_rank = torch.randperm(BUCKETS, generator=generator)
        u = torch.rand(rows, generator=generator, dtype=torch.float64)
        top = (BUCKETS + 1.0) ** (1 - exponent)
        if abs(exponent - 1) < 1e-9:
            x = torch.exp(u * math.log(BUCKETS + 1.0))
        else:
            x = (1 + u * (top - 1)) ** (1 / (1 - exponent))
        rank = (x.floor().long() - 1).clamp(0, BUCKETS - 1)
        ids[:, f] = bucket_of_rank[rank] + f * BUCKETS
    weights = torch.tensor([1 / (j + 1) ** TARGET_SKEW for j in range(ACTIONS)], dtype=torch.float64)
    advertiser_target = torch.multinomial(weights, ADVERTISERS, replacement=True, generator=generator)
    advertiser = torch.randint(ADVERTISERS, (rows,), generator=generator)
    target = advertiser_target[advertiser]
    rates = torch.tensor([BASE_RATE / (j + 1) ** RATE_SKEW for j in range(ACTIONS)], dtype=torch.float64)
    positive = torch.rand(rows, ACTIONS, generator=generator, dtype=torch.float64) < rates
    reported = torch.rand(rows, ACTIONS, generator=generator) < 0.5
    reported[torch.arange(rows), target] = True
    labels = (positive & reported).float()
    return ids, target, labels


class ReferenceModel:
    """The embedding table with sparse gradients, and everything after it as one module (`dense`),
    which is what torch.compile compiles."""

    def __init__(self, embedding, dense, forward_dense):
        self.embedding = embedding
        self.dense = dense
        self.forward_dense = forward_dense

    @staticmethod
    def create(torch, seed, compiled):
        torch.manual_seed(seed)
        embedding = torch.nn.Embedding(FIELDS * BUCKETS, EMBEDDING_DIM, sparse=True)
        torch.nn.init.uniform_(embedding.weight, -EMBEDDING_INIT, EMBEDDING_INIT)
        dense = dense_network(torch)
        return ReferenceModel(embedding, dense, torch.compile(dense) if compiled else dense)

    def logits(self, ids):
        """ids [batch, FIELDS] -> logits [batch, ACTIONS]."""
        return self.forward_dense(self.embedding(ids).reshape(ids.shape[0], FIELDS * EMBEDDING_DIM))


def dense_network(torch):
    nn = torch.nn
    width = FIELDS * EMBEDDING_DIM

    def mlp(previous, widths, relu_on_last):
        layers = []
        for index, out in enumerate(widths):
            linear = nn.Linear(previous, out)
            relu = index < len(widths) - 1 or relu_on_last
            # kaml: He-uniform before a ReLU (U(+-sqrt(6/in))), Xavier-uniform otherwise; zero biases
            bound = math.sqrt(6.0 / previous) if relu else math.sqrt(6.0 / (previous + out))
            nn.init.uniform_(linear.weight, -bound, bound)
            nn.init.zeros_(linear.bias)
            layers.append(linear)
            if relu:
                layers.append(nn.ReLU())
            previous = out
        return nn.Sequential(*layers)

    class Mmoe(nn.Module):
        def __init__(self):
            super().__init__()
            self.experts = nn.ModuleList(mlp(width, EXPERT_HIDDEN, True) for _ in range(EXPERTS))
            self.gates = nn.ModuleList(nn.Linear(width, EXPERTS) for _ in range(ACTIONS))
            for gate in self.gates:
                bound = math.sqrt(6.0 / (width + EXPERTS))
                nn.init.uniform_(gate.weight, -bound, bound)
                nn.init.zeros_(gate.bias)
            self.towers = nn.ModuleList(mlp(EXPERT_HIDDEN[-1], TOWER_HIDDEN + (1,), False) for _ in range(ACTIONS))

        def forward(self, x):
            """x [batch, 320] -> logits [batch, ACTIONS]."""
            experts = torch.stack([expert(x) for expert in self.experts], dim=1)  # [batch, E, 64]
            logits = []
            for gate, tower in zip(self.gates, self.towers):
                weights = torch.softmax(gate(x), dim=1)  # [batch, E]
                mixed = torch.bmm(weights.unsqueeze(1), experts).squeeze(1)  # [batch, 64]
                logits.append(tower(mixed))
            return torch.cat(logits, dim=1)

    return Mmoe()


def masked_bce(torch, logits, labels, target):
    """Masked BCE with the target mask, each action normalised by its count in the batch (at least 1)."""
    mask = torch.nn.functional.one_hot(target, ACTIONS).to(logits.dtype)
    scale = 1.0 / mask.sum(dim=0).clamp(min=1.0)
    losses = torch.nn.functional.binary_cross_entropy_with_logits(logits, labels, reduction="none")
    return (losses * mask * scale).sum()


class LazyAdam:
    """kaml's lazy Adam (io.kaml.train.LazyAdam) for a sparse gradient: only the rows a batch touched move,
    each corrected by its own update count, not the global step as SparseAdam does."""

    def __init__(self, torch, weight):
        self.torch = torch
        self.weight = weight
        self.first = torch.zeros_like(weight)
        self.second = torch.zeros_like(weight)
        self.steps = torch.zeros(weight.shape[0], dtype=weight.dtype)

    def zero_grad(self, set_to_none=True):
        self.weight.grad = None

    def step(self):
        torch = self.torch
        with torch.no_grad():
            gradient = self.weight.grad.coalesce()
            rows = gradient.indices()[0]
            g = gradient.values()
            t = self.steps[rows] + 1
            self.steps[rows] = t
            m = self.first[rows].mul_(BETAS[0]).add_(g, alpha=1 - BETAS[0])
            v = self.second[rows].mul_(BETAS[1]).addcmul_(g, g, value=1 - BETAS[1])
            self.first[rows] = m
            self.second[rows] = v
            step_size = (LEARNING_RATE / (1 - BETAS[0] ** t)).unsqueeze(1)
            root_correction = (1 - BETAS[1] ** t).rsqrt().unsqueeze(1)
            self.weight.index_add_(0, rows, -step_size * m / (v.sqrt() * root_correction + EPSILON))


def dense_adam(torch, parameters):
    """Adam on the dense weights; PyTorch's fused CPU kernel where this torch has one (2.4 and later)."""
    try:
        return torch.optim.Adam(parameters, lr=LEARNING_RATE, betas=BETAS, eps=EPSILON, fused=True)
    except (RuntimeError, TypeError, ValueError):
        return torch.optim.Adam(parameters, lr=LEARNING_RATE, betas=BETAS, eps=EPSILON)


def train_epoch(torch, model, variant, ids, target, labels, batch, seed):
    """One epoch; samples/s over the steps after the first WARM_UP_FRACTION (as kaml's StepClock)."""
    rows = ids.shape[0]
    batch = min(batch, rows)
    steps = (rows + batch - 1) // batch
    warm = 0 if steps < 2 else min(max(math.floor(steps * WARM_UP_FRACTION + 0.5), 1), steps - 1)
    optimizers = [dense_adam(torch, model.dense.parameters()),
                  LazyAdam(torch, model.embedding.weight) if variant == "lazy_adam"
                  else torch.optim.SparseAdam([model.embedding.weight], lr=LEARNING_RATE, betas=BETAS, eps=EPSILON)]
    if variant == "compiled" and rows % batch:
        # compile the last, shorter batch's shape now: inside the timed steps it would be a recompilation
        model.logits(ids[:rows % batch]).sum().backward()
        for optimizer in optimizers:
            optimizer.zero_grad(set_to_none=True)
    order = torch.randperm(rows, generator=torch.Generator().manual_seed(seed))
    ends = []
    start = time.perf_counter()
    for step in range(steps):
        rows_of_step = order[step * batch:(step + 1) * batch]
        logits = model.logits(ids[rows_of_step])
        loss = masked_bce(torch, logits, labels[rows_of_step], target[rows_of_step])
        for optimizer in optimizers:
            optimizer.zero_grad(set_to_none=True)
        loss.backward()
        for optimizer in optimizers:
            optimizer.step()
        ends.append(time.perf_counter())
    if not math.isfinite(loss.item()):
        raise RuntimeError(f"{variant}: the loss is not finite")
    timed_rows = rows - warm * batch
    return timed_rows / (ends[-1] - (ends[warm - 1] if warm > 0 else start))


def inference(torch, model, ids):
    """Samples/s scoring every row in chunks of SCORER_CHUNK, median of INFERENCE_PASSES after a warm-up pass."""
    rows = ids.shape[0]

    def score(n):
        with torch.inference_mode():
            for begin in range(0, n, SCORER_CHUNK):
                torch.sigmoid(model.logits(ids[begin:begin + SCORER_CHUNK]))

    score(min(rows, 100_000))
    with torch.inference_mode():
        # the last, shorter chunk's shape: compiled now rather than inside a timed pass
        torch.sigmoid(model.logits(ids[rows - (rows % SCORER_CHUNK or SCORER_CHUNK):]))
    rates = []
    for _ in range(INFERENCE_PASSES):
        start = time.perf_counter()
        score(rows)
        rates.append(rows / (time.perf_counter() - start))
    return statistics.median(rates)


def latency(torch, model, ids, requests):
    """One row per call, forward + sigmoid; nearest-rank percentiles in µs."""
    nanos = []
    rows = ids.shape[0]
    with torch.inference_mode():
        for q in range(WARM_UP_REQUESTS + requests):
            row = ids[q % rows].unsqueeze(0)
            start = time.perf_counter_ns()
            torch.sigmoid(model.logits(row))
            elapsed = time.perf_counter_ns() - start
            if q >= WARM_UP_REQUESTS:
                nanos.append(elapsed)
    nanos.sort()

    def percentile(q):
        return nanos[min(max(math.ceil(q * len(nanos)) - 1, 0), len(nanos) - 1)] / 1e3

    return {"p50_us": percentile(0.50), "p99_us": percentile(0.99), "p999_us": percentile(0.999)}


def main(argv):
    args = parse_args(argv)
    if args.check_args:
        return
    if args.measure_torch:
        measure_torch(args)
    else:
        compare(args)


if __name__ == "__main__":
    main(sys.argv[1:])
