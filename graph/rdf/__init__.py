"""RDF: the in-memory graph to RDF statements and files.

In: ``KnowledgeGraph``. Out: the vocabulary mirrored from ``ontology/kg.ttl``
(``vocab``), IRIs and the mapping to quads (``iris``, ``mapping``), Turtle,
TriG and N-Quads text written in bounded memory (``serialize``,
``sorted_runs``), and SHACL validation against ``ontology/shapes.ttl``
(``shacl``). The profile it follows is docs/rdf-profile.md.
"""
