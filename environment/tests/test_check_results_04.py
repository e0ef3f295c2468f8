"""environment/check_results.py, the 04 conditions: each can fail (numbers from the full-mode run of issue 24)."""
import copy
import importlib.util
import unittest
from pathlib import Path

spec = importlib.util.spec_from_file_location('check_results', Path(__file__).resolve().parents[1] / 'check_results.py')
check_results = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_results)

DATA = {'mi_ceiling': 7.6009, 'mmd_permutations': 200, 'models': [
    {'name': 'VAE (ELBO), AR decoder', 'mi': 0.0, 'mmd_p_value': 117 / 201},
    {'name': 'MMD-VAE λ=100, AR decoder', 'mi': 7.6009, 'mmd_p_value': 1 / 201},
    {'name': 'MMD-VAE M=2, MMD on z', 'mi': 0.69, 'mmd_p_value': 1 / 201},
    {'name': 'MMD-VAE M=2, MMD on μ(x)', 'mi': 7.10, 'mmd_p_value': 1 / 201}]}


class Check04Test(unittest.TestCase):
    def test_the_full_mode_numbers_pass(self):
        self.assertEqual([], check_results.check_04_estimators('f', DATA) + check_results.check_04_claims('f', DATA))

    def test_mi_above_its_ceiling_fails(self):
        d = copy.deepcopy(DATA)
        d['models'][1]['mi'] = 7.7
        self.assertIn('above the estimator\'s ceiling', ' '.join(check_results.check_04_estimators('f', d)))

    def test_a_p_value_off_the_permutation_lattice_fails(self):
        d = copy.deepcopy(DATA)
        d['models'][0]['mmd_p_value'] = 0.001
        self.assertIn('not (b + 1)/(200 + 1)', ' '.join(check_results.check_04_estimators('f', d)))

    def test_each_markdown_claim_can_fail(self):
        d = copy.deepcopy(DATA)
        d['models'][0]['mi'] = 7.7
        self.assertIn('autoregressive decoder', ' '.join(check_results.check_04_claims('f', d)))
        d = copy.deepcopy(DATA)
        d['models'][3]['mi'] = 0.5
        self.assertIn('MMD on μ(x) keeps more information', ' '.join(check_results.check_04_claims('f', d)))
        d['models'] = d['models'][:2]
        self.assertIn('missing', ' '.join(check_results.check_04_claims('f', d)))


if __name__ == '__main__':
    unittest.main()
