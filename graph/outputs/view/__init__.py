"""The interactive HTML view: one offline file.

In: ``KnowledgeGraph``. Out: ``graph.html``, with vis-network inlined from
pyvis. ``data`` turns the graph into the page's JSON, ``layout`` positions
large graphs in Python, ``page`` renders the template in ``templates/``.
"""
