"""Setup: the models the pipeline needs at run time.

In: the package registry, once, at install time. Out: the pkuseg model on
disk (``models``) and where to find it (``resources``).
"""
