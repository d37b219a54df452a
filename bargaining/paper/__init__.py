"""The paper: its tables and figures, and ``reproduce``, which writes them all byte-stably.

Everything here is specific to the seed application (the three Russia
models); the layers below are generic.

May import every part below it (games, batch, modelling, analysis,
solutions) and the base modules. Not cli.
"""

