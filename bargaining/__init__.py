"""bargaining: game-theoretic models of bilateral negotiation between states.

Write a two-player game down (or load a calibrated model), solve it exactly,
and ask how the answer moves when one side's resources shrink.

Examples
--------
>>> import bargaining as bg
>>> pd = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> bg.equilibria(pd)[0].describe()
'Player 1: s2 · Player 2: s2'
"""

import importlib

#: Public name -> the module (under ``bargaining``) that defines it. Adding a
#: public name is one line here (and one in docs/reference.md); the module is
#: imported the first time the name is used, so ``import bargaining`` stays fast.
_PUBLIC = {
    "__version__": "_version",
    # errors
    "BargainingError": "errors",
    "GameError": "errors",
    "ModelError": "errors",
    "SolverError": "errors",
    "RangeWarning": "modelling.schema",
    # games and their equilibria
    "Game": "games.game",
    "NPlayerGame": "games.nplayer",
    "nplayer_equilibria": "games.nplayer_equilibria",
    "nplayer_pure_equilibria": "games.nplayer_equilibria",
    "nplayer_regret": "games.nplayer_equilibria",
    "LinkedGame": "games.linked",
    "Link": "games.linked",
    "LinkedEquilibrium": "games.linked_solve",
    "linked_equilibria": "games.linked_solve",
    "linked_pure_equilibria": "games.linked_solve",
    "linked_regret": "games.linked_solve",
    "Commitment": "games.commitment",
    "optimal_commitment": "games.commitment",
    "linked_sweep": "analysis.linked_sweep",
    "linked_thresholds": "analysis.linked_sweep",
    "order_of_cuts": "analysis.linked_sweep",
    "Equilibrium": "games.equilibria",
    "EquilibriumSet": "games.display",
    "equilibria": "games.equilibria",
    "pure_equilibria": "games.equilibria",
    "best_responses": "games.equilibria",
    "regret": "games.equilibria",
    "is_degenerate": "games.equilibria",
    "lemke_howson": "games.lemke_howson",
    "Component": "games.components",
    "NashSubset": "games.components",
    "components": "games.components",
    "Reduction": "games.dominance",
    "eliminate_dominated": "games.dominance",
    "BatchEquilibria": "batch.solver",
    "batch_equilibria": "batch.solver",
    "LogitBranch": "games.qre",
    "logit_branch": "games.qre",
    "logit_qre": "games.qre",
    "logit_solve": "games.qre",
    # models
    "Model": "modelling.model",
    "LinkedModel": "modelling.linked",
    "bundled_linked_models": "modelling.model",
    "Parameter": "modelling.schema",
    "SymbolicGame": "modelling.model",
    "load_model": "modelling.model",
    "bundled_models": "modelling.model",
    "DataFile": "modelling.series",
    "load_series": "modelling.series",
    "resource_index": "modelling.series",
    "data_provenance": "modelling.series",
    "GameTree": "games.tree",
    "SubgamePerfect": "games.backward",
    "subgame_perfect": "games.backward",
    "reduced_normal_form": "games.tree_normal_form",
    "ReducedNormalForm": "games.tree_normal_form",
    "TreeBuilder": "games.tree_build",
    "DecisionNode": "games.tree",
    "ChanceNode": "games.tree",
    "TerminalNode": "games.tree",
    "InfoSet": "games.tree",
    "TreeEquilibrium": "games.tree_equilibrium",
    "make_tree_equilibrium": "games.tree_equilibrium",
    "behaviour_equilibria": "games.kuhn",
    "proper_subgames": "games.subgames",
    "subgame_perfect_equilibria": "games.subgames",
    "SequenceForm": "games.sequence_form",
    "sequence_form": "games.sequence_form",
    "sequence_form_lemke": "games.sequence_form",
    # incomplete information
    "perfect_bayesian": "games.pbe",
    "PerfectBayesian": "games.pbe_record",
    "AssessmentPiece": "games.pbe_record",
    "verify_assessment": "games.beliefs",
    "signaling_game": "games.signaling",
    "beer_quiche": "games.signaling",
    "intuitive_criterion": "games.signaling",
    "CriterionResult": "games.signaling",
    "BayesianGame": "games.bayesian",
    "BayesNash": "games.bayesian",
    "bayes_nash": "games.bayesian",
    "sequential_equilibria": "games.sequential_eq",
    "pbe_thresholds": "analysis.pbe_thresholds",
    "pbe_sweep": "analysis.pbe_thresholds",
    "pbe_signature": "analysis.pbe_thresholds",
    # sensitivity
    "Threshold": "analysis.thresholds",
    "thresholds": "analysis.thresholds",
    "path_thresholds": "analysis.thresholds",
    "regimes": "analysis.regimes",
    "comparative_statics": "analysis.statics",
    "Dominance": "analysis.statics",
    "risk_dominance": "analysis.statics",
    "payoff_dominance": "analysis.statics",
    "sweep": "analysis.sweep",
    "UncertaintyResult": "analysis.uncertainty",
    "uncertainty": "analysis.uncertainty",
    "sobol": "analysis.sobol",
    # fitting games to data
    "fit": "estimation",
    "StrategicFit": "estimation",
    "predict": "estimation",
    "profile_likelihood": "estimation",
    "bootstrap_fit": "estimation",
    "vuong": "estimation",
    "VuongTest": "estimation",
    "simulate_outcomes": "estimation",
    "egame12": "estimation",
    "egame122": "estimation",
    "egame123": "estimation",
    "shape_of": "estimation",
    "TreeShape": "estimation",
    "AgentQRE": "estimation",
    "agent_qre": "estimation",
    "qre_sweep": "estimation",
    "fit_ultimatum": "estimation",
    "UltimatumFit": "estimation",
    # bargaining
    "BargainingProblem": "solutions.problem",
    "convex_hull": "solutions.geometry",
    "security_levels": "solutions.disagreement",
    "Agreement": "solutions.axiomatic",
    "SOLUTIONS": "solutions.axiomatic",
    "get_solution": "solutions.axiomatic",
    "nash_solution": "solutions.axiomatic",
    "kalai_smorodinsky": "solutions.axiomatic",
    "egalitarian": "solutions.axiomatic",
    "utilitarian": "solutions.axiomatic",
    "ThreatSolution": "solutions.threats",
    "ZeroSumSolution": "games.zero_sum",
    "variable_threat": "solutions.threats",
    "solve_zero_sum": "games.zero_sum",
    "RubinsteinOutcome": "solutions.rubinstein",
    "rubinstein": "solutions.rubinstein",
    "rubinstein_limit": "solutions.rubinstein",
    "FearonRange": "solutions.fearon",
    "fearon_range": "solutions.fearon",
    "fearon_range_contest": "solutions.fearon",
    "IssueClosedForm": "solutions.issue",
    "issue_solution": "solutions.issue",
    "issue_closed_form": "solutions.issue",
    "issue_sweep": "solutions.issue",
    "problem_from_model": "solutions.issue",
    "solution_table": "solutions.issue",
    # readers
    "explore": "paper.explorer",
    "explorer_data": "paper.explorer",
    "ExplorerData": "paper.explorer",
    # tables as text
    "to_csv": "output",
    "to_markdown": "output",
    "to_latex": "output",
    # names that landed on main while the lazy table was written
    "box_shares": "analysis.robustness",
    "nash_labels": "analysis.robustness",
    "order_share": "analysis.robustness",
    "path_labels": "analysis.robustness",
    "regime_map": "analysis.robustness",
    "standard_error": "analysis.robustness",
}

#: The subpackages and base modules, importable as attributes (``bargaining.games``).
#: (The subpackages' own ``__init__`` import eagerly: there a function and its
#: module share names, e.g. ``bargaining.analysis.regimes``.)
_SUBPACKAGES = ("games", "batch", "modelling", "analysis", "solutions", "paper", "cli", "errors", "numbers", "output")

__all__ = list(_PUBLIC)


def __getattr__(name: str):
    """Import a public name (or subpackage) on first use and keep it."""
    if name in _PUBLIC:
        value = getattr(importlib.import_module(f".{_PUBLIC[name]}", __name__), name)
    elif name in _SUBPACKAGES:
        value = importlib.import_module(f".{name}", __name__)
    else:
        raise AttributeError(f"module 'bargaining' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, *_SUBPACKAGES})
