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
    m = {"name": f"{name} seed {seed}", "objective": objective, "seed": seed, "latent_dim": 2, "decoder": "bernoulli",
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
            "claim_tc_vae_above_beta_vae": True, "claim_tcvae_tc_vs_beta_vae": "not smaller",
            "claim_tcvae_mi_vs_beta_vae": "not smaller", "claim_tcvae_seen_below_full": 1,
            "claim_capacity_vs_annealed": "not higher", "capacity_max": 10, "claim_cmax_above_entropy": True}


class Check05Test(unittest.TestCase):
    def problems(self, data):
        return cr.check_05_bounds("r", data) + cr.check_05_claims("r", data)

    def test_consistent_file_passes(self):
        self.assertEqual([], self.problems(results()))

    def test_each_false_sentence_fails(self):
        for key, wrong in [("claim_tc_vae_above_beta_vae", False), ("claim_tcvae_tc_vs_beta_vae", "smaller"),
                           ("claim_tcvae_mi_vs_beta_vae", "larger"), ("claim_tcvae_seen_below_full", 2),
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
