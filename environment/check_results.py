#!/usr/bin/env python3
"""Checks the key numbers the lecture notebooks wrote (build/results/<notebook>.json, lecture7.notebook.Results).

usage: check_results.py [RESULTS_DIR] [--require 04-mmd-vae,05-disentanglement]

Run by `environment/kit test` and `environment/kit run` after the notebooks. For each file: the shape issue 11 asks
for (a "models" list, each model with name, objective, seed, latent_dim, decoder, mi, kl, reconstruction,
active_units, mi_at_ceiling; 05 adds tc, dim_kl, mig; 04 adds mmd2, mmd_p_value), and what the numbers must satisfy
whatever the seed or mode:
  * mi_at_ceiling is true exactly when mi is within 0.5 nats of mi_ceiling (the flag the tables print);
  * −ELBO = reconstruction + KL; MI, KL ≥ 0; 0 ≤ MIG ≤ 1; active units between 0 and latent_dim;
  * a permutation p-value is (b + 1)/(B + 1): never 0, at most 1;
  * 04: every I(x; z) at most ln N, every p-value on the permutation lattice (b + 1)/(B + 1), and the comparisons
    its markdown makes (check_04_claims);
  * 05's verdict lines (best objective, its median MIG, the VAE's best seed) agree with the per-model numbers
    of the objectives it compares ("objectives": the names, VAE first);
  * 05's bounds (check_05_bounds): H(x) ≤ ln(distinct images) ≤ ln(factor settings); each model's MI ceiling is
    min(ln N, H(x)); TC's lower bound is TC − (ceiling − MI) where the MI is at its ceiling, else TC; what each
    latent knows about a factor, I(z_j; v_k), never exceeds that latent's KL;
  * every printed interval of a TC, MI or dim-wise KL ("printed_intervals", check_printed_intervals) inside the
    quantity's range: ≥ 0, an MI ≤ H(x); a clipped end says why; 05's seed rows agree with their models;
  * 05's comparative sentences (check_05_claims, the "claim_*" fields): each one recomputed from the models,
    β-TCVAE against β-VAE seed by seed (in how many seeds its TC / MI interval ±2 SE is wholly below / above).
Prints one line per file; exit status 1 naming the file, the model and the field on any failure.
"""
import argparse
import json
import math
import statistics
import sys
from pathlib import Path

OBJECTIVES = {"vae", "beta_vae", "annealed_beta", "capacity", "beta_tcvae", "mmd_vae"}
COMMON = ["name", "objective", "seed", "latent_dim", "decoder", "mi", "kl", "reconstruction", "active_units",
          "mi_at_ceiling"]
EXTRA = {"05-disentanglement": ["tc", "dim_kl", "mig"], "04-mmd-vae": ["mmd2", "mmd_p_value"]}
CEILING_MARGIN = 0.5  # nats: KlDecomposition.CEILING_MARGIN


def check_file(path):
    """The problems found in one results file (empty if none)."""
    problems = []
    name = path.stem
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return [f"{path}: not readable JSON ({e})"]
    models = data.get("models")
    if name in EXTRA and not models:
        return [f"{path}: no \"models\" list"]
    for m in models or []:
        where = f"{path.name}: model {m.get('name', '?')!r}"
        for key in COMMON + EXTRA.get(name, []):
            if key not in m:
                problems.append(f"{where}: no field {key!r}")
        if problems:
            continue
        if m["objective"] not in OBJECTIVES:
            problems.append(f"{where}: objective {m['objective']!r} is not one of {sorted(OBJECTIVES)}")
        if not isinstance(m["mi_at_ceiling"], bool):
            problems.append(f"{where}: mi_at_ceiling is not true/false")
        ceiling = m.get("mi_ceiling")
        if ceiling is not None and m["mi_at_ceiling"] != (m["mi"] >= ceiling - CEILING_MARGIN):
            problems.append(f"{where}: mi {m['mi']:.3f} with ceiling {ceiling:.3f} but mi_at_ceiling={m['mi_at_ceiling']}")
        for key in ("mi", "kl"):
            if not (m[key] >= -1e-9 and math.isfinite(m[key])):
                problems.append(f"{where}: {key} = {m[key]} (must be finite and ≥ 0)")
        if "neg_elbo" in m and abs(m["neg_elbo"] - (m["reconstruction"] + m["kl"])) > 1e-6 * max(1, abs(m["neg_elbo"])):
            problems.append(f"{where}: neg_elbo {m['neg_elbo']} ≠ reconstruction + kl")
        if not 0 <= m["active_units"] <= m["latent_dim"]:
            problems.append(f"{where}: {m['active_units']} active units of {m['latent_dim']} latents")
        if "mig" in m and not 0 <= m["mig"] <= 1:
            problems.append(f"{where}: MIG {m['mig']} outside [0, 1]")
        if "mmd_p_value" in m and not 0 < m["mmd_p_value"] <= 1:
            problems.append(f"{where}: p-value {m['mmd_p_value']} (a permutation p-value is (b+1)/(B+1) > 0)")
    if not problems:
        problems += check_printed_intervals(path.name, data)
    if name == "05-disentanglement" and not problems:
        problems += check_verdict(path.name, data)
        problems += check_05_bounds(path.name, data)
        problems += check_05_claims(path.name, data)
    if name == "04-mmd-vae" and not problems:
        problems += check_04_estimators(path.name, data) + check_04_claims(path.name, data)
    return problems


def check_verdict(where, data):
    """05 prints which objective has the highest median MIG and the VAE's best seed: recompute both."""
    names = data.get("objectives")
    if not names:
        return []  # written by an older notebook: nothing to compare the verdict with
    by_objective = {}
    for m in data["models"]:
        by_objective.setdefault(m["name"].rsplit(" seed", 1)[0], []).append(m["mig"])
    problems = []
    vae = [m["mig"] for m in data["models"] if m["objective"] == "vae"]
    if "vae_best_mig" in data and vae and abs(max(vae) - data["vae_best_mig"]) > 1e-12:
        problems.append(f"{where}: vae_best_mig {data['vae_best_mig']} but the VAE's best seed has {max(vae)}")
    if "best_objective" in data and "best_median_mig" in data:
        medians = {n: statistics.median(by_objective[n]) for n in names if n in by_objective and n != "VAE"}
        if medians:
            best = max(medians, key=medians.get)
            if abs(medians[best] - data["best_median_mig"]) > 1e-12 or data["best_objective"] != best:
                problems.append(f"{where}: best objective {data['best_objective']!r} ({data['best_median_mig']}) but the "
                                f"models give {best!r} ({medians[best]})")
    return problems


def check_05_bounds(where, data):
    """05's intervals: H(x) from the factor → image map, MI ceilings, TC lower bounds, I(z_j; v_k) ≤ KL_j."""
    problems = []
    h = data.get("data_entropy")
    if h is None or "distinct_images" not in data:
        return []
    if not h <= math.log(data["distinct_images"]) + 1e-9:
        problems.append(f"{where}: H(x) = {h} above ln {data['distinct_images']} distinct images")
    if "factor_settings" in data and not data["distinct_images"] <= data["factor_settings"]:
        problems.append(f"{where}: {data['distinct_images']} distinct images from {data['factor_settings']} factor settings")
    for m in data["models"]:
        w = f"{where}: model {m['name']!r}"
        if "tc_lower" not in m:
            continue
        ceiling = m.get("mi_ceiling")
        if ceiling is not None and ceiling > h + 1e-9:
            problems.append(f"{w}: MI ceiling {ceiling:.3f} above H(x) = {h:.3f}")
        expected = max(0.0, m["tc"] - max(0.0, ceiling - m["mi"])) if m["mi_at_ceiling"] else m["tc"]
        if abs(m["tc_lower"] - expected) > 1e-9:
            problems.append(f"{w}: TC lower bound {m['tc_lower']} but TC − (ceiling − MI) gives {expected}")
        for k, row in enumerate(m.get("factor_mi") or []):
            for j, mi in enumerate(row):
                if mi > m["per_dim_kl"][j] + 1e-9:
                    problems.append(f"{w}: I(z{j}; factor {k}) = {mi:.3f} above the latent's KL {m['per_dim_kl'][j]:.3f}")
    return problems


def _by_objective(data, objective):
    return sorted((m for m in data["models"] if m["objective"] == objective and "beta" not in m), key=lambda m: m["seed"])


SE = 2  # TcContrast.SE: standard errors on each side of a seed's interval


def _tc_interval(m):
    """The TC a seed row prints (KlDecomposition.tcInterval), before clipping: [min(lower, estimate), estimate]."""
    return (min(m["tc_lower"], m["tc"]), m["tc"]) if m["mi_at_ceiling"] else (m["tc"], m["tc"])


def _tc_wide(m):
    """SeedPairs: the seed's TC interval ± 2 SE, clipped at 0 (a TC cannot be negative)."""
    lo, hi = _tc_interval(m)
    se = SE * m.get("tc_se", 0.0)
    return max(0.0, lo - se), max(0.0, hi + se)


def _mi_wide(m):
    """SeedPairs: the seed's MI interval [MI, H(x)] (a point off the ceiling) ± 2 SE, clipped to [0, ceiling]."""
    hi = max(m["mi"], m["mi_ceiling"]) if m["mi_at_ceiling"] else m["mi"]
    se = SE * m.get("mi_se", 0.0)
    clip = lambda v: min(m["mi_ceiling"], max(0.0, v))
    return clip(m["mi"] - se), clip(hi + se)


def check_printed_intervals(where, data):
    """Every interval the notebook printed for a TC, an MI or a dimension-wise KL ("printed_intervals": what, quantity,
    lo, hi, raw ends, ceiling, text) stays in the quantity's range — all three ≥ 0, an MI at most its ceiling (H(x) in
    05) — and says why where an end was clipped. In 05 every model's seed row has one, equal to what its numbers give."""
    problems = []
    entries = data.get("printed_intervals") or []
    h = data.get("data_entropy")
    for e in entries:
        w = f"{where}: printed {e.get('what', '?')!r} ({e.get('text', '')})"
        lo, hi = e["lo"], e["hi"]
        if lo > hi + 1e-12:
            problems.append(f"{w}: lower end {lo} above upper end {hi}")
        if lo < -1e-12:
            problems.append(f"{w}: {e['quantity']} interval reaches {lo:.3f}, below 0 ({e['quantity']} cannot be negative)")
        ceiling = e.get("ceiling")
        if e["quantity"] == "MI" and ceiling is not None and h is not None and ceiling > h + 1e-9:
            problems.append(f"{w}: MI ceiling {ceiling:.3f} above H(x) = {h:.3f}")
        if ceiling is not None and hi > ceiling + 1e-9:
            problems.append(f"{w}: {e['quantity']} interval reaches {hi:.3f}, above {ceiling:.3f} (it cannot exceed H(x))")
        said = e.get("text", "")
        if round(e["raw_lo"], 2) < 0 and "cannot be negative" not in said and f"{e['quantity']} ≥ 0" not in said:
            problems.append(f"{w}: an end of {e['raw_lo']:.3f} was clipped at 0 without saying why")
        if ceiling is not None and round(e["raw_hi"], 2) > round(ceiling, 2) and "cannot exceed" not in said and f"{e['quantity']} ≤" not in said:
            problems.append(f"{w}: an end of {e['raw_hi']:.3f} was clipped at {ceiling:.3f} without saying why")
    if data.get("notebook") == "05-disentanglement" and "printed_intervals" in data:
        by_what = {e["what"]: e for e in entries}
        for m in data["models"]:
            if "beta" in m or "tc_lower" not in m:
                continue  # the β sweep's extra models print no TC
            e = by_what.get(f"{m['name']}: TC")
            lo, hi = (max(0.0, v) for v in _tc_interval(m))
            if e is None:
                problems.append(f"{where}: model {m['name']!r}: its printed TC is not in printed_intervals")
            elif abs(e["lo"] - lo) > 1e-9 or abs(e["hi"] - hi) > 1e-9:
                problems.append(f"{where}: model {m['name']!r}: printed TC {e['lo']}–{e['hi']}, its numbers give {lo}–{hi}")
    return problems


def check_05_claims(where, data):
    """Recompute each comparative sentence 05 printed (its "claim_*" fields) from the per-model numbers."""
    problems = []
    vae, beta, tcvae = _by_objective(data, "vae"), _by_objective(data, "beta_vae"), _by_objective(data, "beta_tcvae")
    ann, cap = _by_objective(data, "annealed_beta"), _by_objective(data, "capacity")
    if "claim_tc_vae_above_beta_vae" in data and vae and beta:
        se = lambda m: SE * m.get("tc_se", 0.0)   # TcContrast.SE standard errors on each side, ranges clipped at 0
        holds = max(0.0, min(m["tc_lower"] - se(m) for m in vae)) > max(0.0, max(m["tc"] + se(m) for m in beta))
        if holds != data["claim_tc_vae_above_beta_vae"]:
            problems.append(f"{where}: printed that every VAE seed's TC is above every β-VAE seed's: "
                            f"{data['claim_tc_vae_above_beta_vae']}, the models say {holds}")
    if "claim_tcvae_vs_beta_vae" in data and tcvae and beta:
        n = min(len(tcvae), len(beta))
        for q, wide in (("tc", _tc_wide), ("mi", _mi_wide)):
            a, b = [wide(m) for m in tcvae[:n]], [wide(m) for m in beta[:n]]
            got = {"lower": sum(x[1] < y[0] for x, y in zip(a, b)), "higher": sum(x[0] > y[1] for x, y in zip(a, b)), "seeds": n}
            printed = data["claim_tcvae_vs_beta_vae"].get(q)
            if printed != got:
                problems.append(f"{where}: printed β-TCVAE's {q.upper()} against the β-VAE's seed by seed as {printed}, "
                                f"the models give {got}")
    if "claim_tcvae_seen_below_full" in data and tcvae:
        got = sum(1 for m in tcvae if m["tc_seen_by_objective"] < m["tc_lower"])
        if got != data["claim_tcvae_seen_below_full"]:
            problems.append(f"{where}: printed {data['claim_tcvae_seen_below_full']} β-TCVAE seeds whose minibatch TC is below "
                            f"the full-data TC, the models give {got}")
    if "claim_tcvae_batches_see" in data and tcvae:
        gap = statistics.median(m["tc"] - m["tc_seen_by_objective"] for m in tcvae)
        noise = 2 * statistics.median(m.get("tc_se", 0.0) for m in tcvae)
        got = "about the same" if abs(gap) <= noise else "more" if gap < 0 else "less"
        if got != data["claim_tcvae_batches_see"]:
            problems.append(f"{where}: printed that the batches see {data['claim_tcvae_batches_see']!r} TC than the grid has, but the "
                            f"median of full-data TC − batch TC is {gap:.3f} (2 SE {noise:.3f}): {got!r}")
    if "claim_cmax_above_entropy" in data and "capacity_max" in data:
        if (data["capacity_max"] > data["data_entropy"]) != data["claim_cmax_above_entropy"]:
            problems.append(f"{where}: printed C_max above H(x): {data['claim_cmax_above_entropy']}, but C_max = "
                            f"{data['capacity_max']} and H(x) = {data['data_entropy']}")
    if "claim_capacity_vs_annealed" in data and ann and cap:
        a, c = [m["mig"] for m in ann], [m["mig"] for m in cap]
        got = ("higher in every seed" if min(c) > max(a) else
               "higher median; the seed ranges overlap" if statistics.median(c) > statistics.median(a) else "not higher")
        if got != data["claim_capacity_vs_annealed"]:
            problems.append(f"{where}: printed the capacity objective's MIG {data['claim_capacity_vs_annealed']!r} against annealed β, "
                            f"the models say {got!r}")
    return problems


# ---- 04-mmd-vae: the limits of its estimators and the comparisons its markdown makes ------------------------------

def check_04_estimators(where, data):
    """04 names the estimators' limits beside its numbers: I(x; z) on N test images is at most ln N (the full-data
    estimator's ln q(z|x_n) − ln (1/N) Σ_m q(z|x_m) ≤ ln N), and a permutation p-value is (b + 1)/(B + 1) for a whole
    number b of the B = mmd_permutations relabellings, so never below the floor 1/(B + 1)."""
    problems = []
    ceiling, perms = data.get("mi_ceiling"), data.get("mmd_permutations")
    for m in data["models"]:
        at = f"{where}: model {m['name']!r}"
        if ceiling is not None and m["mi"] > ceiling + 1e-9:
            problems.append(f"{at}: I(x; z) {m['mi']:.4f} above the estimator's ceiling ln N = {ceiling:.4f}")
        if perms:
            b = m["mmd_p_value"] * (perms + 1) - 1
            if b < -1e-6 or abs(b - round(b)) > 1e-6:
                problems.append(f"{at}: p-value {m['mmd_p_value']} is not (b + 1)/({perms} + 1) for a whole b ≥ 0")
    return problems


def check_04_claims(where, data):
    """The comparisons 04's markdown makes about its trained models (the rest is printed from the numbers):
      * the title, "when the ELBO learns an uninformative code": with the autoregressive decoder the VAE's I(x; z) is
        below the MMD-VAE's;
      * "Which choice matters": MMD on the posterior means μ(x) keeps more information than MMD on sampled codes.
    A model missing from the file is a problem (the notebook writes all of them)."""
    by_name = {m["name"]: m for m in data["models"]}
    problems = []

    def more_informative(better, worse, claim):
        if better not in by_name or worse not in by_name:
            problems.append(f"{where}: {claim}: model {better!r} or {worse!r} missing")
        elif not by_name[better]["mi"] > by_name[worse]["mi"]:
            problems.append(f"{where}: {claim}: I(x; z) of {better!r} is {by_name[better]['mi']:.3f}, not above "
                            f"{by_name[worse]['mi']:.3f} of {worse!r}")
    more_informative("MMD-VAE λ=100, AR decoder", "VAE (ELBO), AR decoder",
                     "the ELBO learns the less informative code with the autoregressive decoder")
    more_informative("MMD-VAE M=2, MMD on μ(x)", "MMD-VAE M=2, MMD on z",
                     "MMD on μ(x) keeps more information than MMD on sampled codes")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", nargs="?", default=str(Path(__file__).resolve().parents[1] / "build" / "results"))
    ap.add_argument("--require", default="", help="notebooks whose results must be there (comma-separated)")
    args = ap.parse_args()
    d = Path(args.dir)
    problems = [f"{d}/{n}.json is missing" for n in filter(None, args.require.split(","))
                if not (d / f"{n}.json").exists()]
    for path in sorted(d.glob("*.json")):
        found = check_file(path)
        problems += found
        data = json.loads(path.read_text(encoding="utf-8")) if not found else {}
        print(f"[results] {path.name}: {'ok' if not found else f'{len(found)} problem(s)'}"
              + (f", {len(data.get('models', []))} models ({data.get('mode', '?')} mode)" if data.get("models") else ""))
    for p in problems:
        print(f"[results] {p}", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
