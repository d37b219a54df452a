"""Bargaining: problems, axiomatic solutions, disagreement points, threats, Rubinstein, Fearon, issues.

May import: :mod:`bargaining.games`, :mod:`bargaining.modelling`,
:mod:`bargaining.analysis` and the base modules. Not paper or cli.
"""

from .axiomatic import (
    SOLUTIONS,
    Agreement,
    egalitarian,
    get_solution,
    kalai_smorodinsky,
    nash_solution,
    utilitarian,
)
from .disagreement import security_levels
from .fearon import FearonRange, fearon_range, fearon_range_contest
from .geometry import convex_hull
from .issue import (
    IssueClosedForm,
    issue_closed_form,
    issue_solution,
    issue_sweep,
    problem_from_model,
    solution_table,
)
from .problem import BargainingProblem
from .rubinstein import RubinsteinOutcome, rubinstein, rubinstein_limit
from .threats import ThreatSolution, variable_threat

__all__ = ['BargainingProblem', 'convex_hull', 'security_levels', 'SOLUTIONS', 'Agreement', 'egalitarian', 'get_solution', 'kalai_smorodinsky', 'nash_solution', 'utilitarian', 'ThreatSolution', 'variable_threat', 'RubinsteinOutcome', 'rubinstein', 'rubinstein_limit', 'FearonRange', 'fearon_range', 'fearon_range_contest', 'IssueClosedForm', 'issue_closed_form', 'issue_solution', 'issue_sweep', 'problem_from_model', 'solution_table']
