"""Build: input paths to a build folder (``kg build``).

In: ``BuildOptions`` (inputs, output folder, engine, jobs). Out: the build
folder (graph.ttl/.trig/.nq, graph.html, results.jsonl, problems.jsonl,
manifest.json) and a ``BuildSummary``. ``run`` drives the build, ``engines``
run extraction (one process, several, or Dask) behind one interface.
"""
