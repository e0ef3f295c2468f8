"""check_results.py's 05 conditions: a results file whose printed sentences agree with its models passes, and each
kind of false sentence or broken bound fails (synthetic numbers, written here)."""
import copy
import importlib.util
import math
import unittest
from pathlib import Path

spec = importlib.util.spec_from_file_location("check_results", Path(__file__).resolve().parents[1] / "check_results.py")
cr = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cr)


def model(name, objective, seed, mi, tc, at_ceiling, ceiling=6.0, mig=0.1, extra=None):
    m = {"tc_se": 0.01, "mi_se": 0.01, "name": f"{name} seed {seed}", "objective": objective, "seed": seed, "latent_dim": 2, "decoder": "bernoulli",
         "mi": mi, "mi_ceiling": ceiling, "mi_at_ceiling": at_ceiling, "kl": mi + tc + 0.1, "reconstruction": 5.0,
         "neg_elbo": 5.0 + mi + tc + 0.1, "active_units": 2, "tc": tc, "dim_kl": 0.1, "mig": mig,
         "tc_lower": max(0.0, tc - (ceiling - mi)) if at_ceiling else tc, "per_dim_kl": [mi, tc],
         "factor_mi": [[0.5 * mi, 0.0], [0.0, 0.1 * tc]]}
    m.update(extra or {})
    return m


def results():
    return {"notebook": "05-disentanglement", "mode": "fast", "data_entropy": 6.0, "distinct_images": 463,
            "factor_settings": 768, "objectives": ["VAE", "β-VAE β=8", "annealed β 40→4", "capacity γ=1000 C→10", "β-TCVAE β=6"],
            "models": [model("VAE", "vae", 1, 5.9, 3.0, True), model("VAE", "vae", 2, 5.8, 2.7, True),
                       model("β-VAE β=8", "beta_vae", 1, 3.5, 0.08, False), model("β-VAE β=8", "beta_vae", 2, 3.6, 0.06, False),
                       model("annealed β 40→4", "annealed_beta", 1, 4.0, 0.5, False, mig=0.35),
                       model("annealed β 40→4", "annealed_beta", 2, 4.1, 0.4, False, mig=0.37),
                       model("capacity γ=1000 C→10", "capacity", 1, 5.7, 2.0, True, mig=0.10),
                       model("capacity γ=1000 C→10", "capacity", 2, 5.6, 2.1, True, mig=0.12),
                       model("β-TCVAE β=6", "beta_tcvae", 1, 4.0, 0.3, False, extra={"tc_seen_by_objective": 0.1}),
                       model("β-TCVAE β=6", "beta_tcvae", 2, 4.2, 0.5, False, extra={"tc_seen_by_objective": 0.6})],
            "best_objective": "annealed β 40→4", "best_median_mig": 0.36, "vae_best_mig": 0.1,
            "claim_tc_vae_above_beta_vae": True,
            "claim_tcvae_vs_beta_vae": {"tc": {"lower": 0, "higher": 2, "seeds": 2}, "mi": {"lower": 0, "higher": 2, "seeds": 2}},
            "claim_tcvae_seen_below_full": 1, "claim_tcvae_batches_see": "less",
            "claim_capacity_vs_annealed": "not higher", "capacity_max": 10, "claim_cmax_above_entropy": True}


def interval(what, quantity, lo, hi, ceiling=None, text=None):
    return {"what": what, "quantity": quantity, "lo": max(0.0, lo), "hi": max(0.0, hi) if ceiling is None else min(ceiling, hi),
            "raw_lo": lo, "raw_hi": hi, "ceiling": ceiling, "text": text or f"{lo:.2f}–{hi:.2f}"}


def with_printed(d):
    """The seed rows' TC intervals as 05 prints them, plus a median MI and a ±2 SE range."""
    d["printed_intervals"] = [interval(f"{m['name']}: TC", "TC", *cr._tc_interval(m)) for m in d["models"]] + [
        interval("VAE, median: MI", "MI", 5.85, 6.0, ceiling=6.0), interval("VAE, seeds ±2 SE: TC", "TC", 2.6, 3.1)]
    return d


class Check05Test(unittest.TestCase):
    def problems(self, data):
        return cr.check_05_bounds("r", data) + cr.check_05_claims("r", data) + cr.check_printed_intervals("r", data)

    def test_consistent_file_passes(self):
        self.assertEqual([], self.problems(results()))
        self.assertEqual([], self.problems(with_printed(results())))

    def test_printed_interval_across_a_bound_fails(self):
        # issue 24: fast mode printed "VAE −0.03–0.19" for a TC
        d = with_printed(results())
        d["printed_intervals"][-1].update(lo=-0.03, raw_lo=-0.03, text="-0.03–0.19")
        self.assertTrue(any("below 0" in p for p in self.problems(d)), self.problems(d))
        # clipped at 0 but without the reason
        d = with_printed(results())
        d["printed_intervals"][-1].update(lo=0.0, raw_lo=-0.03, text="0.00–0.19")
        self.assertTrue(any("without saying why" in p for p in self.problems(d)), self.problems(d))
        # clipped with the reason: fine
        d["printed_intervals"][-1]["text"] = "0.00 (TC cannot be negative)–0.19"
        self.assertEqual([], self.problems(d))
        # an MI interval reaching above H(x)
        d = with_printed(results())
        d["printed_intervals"][-2].update(hi=6.2, raw_hi=6.2)
        self.assertTrue(any("cannot exceed H(x)" in p for p in self.problems(d)), self.problems(d))
        # a seed row's TC that is not what its model's numbers give, or missing
        d = with_printed(results())
        d["printed_intervals"][0]["hi"] += 0.5
        self.assertTrue(any("its numbers give" in p for p in self.problems(d)), self.problems(d))
        d = with_printed(results())
        del d["printed_intervals"][3]
        self.assertTrue(any("not in printed_intervals" in p for p in self.problems(d)), self.problems(d))
        # a negative dim-wise KL point
        d = with_printed(results())
        d["printed_intervals"].append(interval("β-VAE seed 1: dim-wise KL", "dim-wise KL", -0.04, -0.04))
        d["printed_intervals"][-1].update(lo=-0.04, hi=-0.04)
        self.assertTrue(any("below 0" in p for p in self.problems(d)), self.problems(d))

    def test_each_false_sentence_fails(self):
        for key, wrong in [("claim_tc_vae_above_beta_vae", False),
                           ("claim_tcvae_vs_beta_vae", {"tc": {"lower": 2, "higher": 0, "seeds": 2},
                                                        "mi": {"lower": 0, "higher": 2, "seeds": 2}}),
                           ("claim_tcvae_seen_below_full", 2), ("claim_tcvae_batches_see", "more"),
                           ("claim_capacity_vs_annealed", "higher in every seed"), ("claim_cmax_above_entropy", False)]:
            d = results()
            d[key] = wrong
            found = self.problems(d)
            self.assertEqual(1, len(found), (key, found))

    def test_broken_bounds_fail(self):
        d = results()
        d["data_entropy"] = math.log(463) + 0.1            # H(x) above ln(distinct images)
        self.assertTrue(any("above ln 463" in p for p in self.problems(d)))
        d = results()
        d["models"][0]["factor_mi"][0][0] = 99              # a latent knowing more than its KL
        self.assertTrue(any("above the latent's KL" in p for p in self.problems(d)))
        d = results()
        d["models"][0]["tc_lower"] = d["models"][0]["tc"]   # an interval printed as a point
        self.assertTrue(any("TC lower bound" in p for p in self.problems(d)))
        d = results()
        d["models"][2]["mi_ceiling"] = 7.0                  # a ceiling above H(x)
        self.assertTrue(any("above H(x)" in p for p in self.problems(d)))


if __name__ == "__main__":
    unittest.main()
