"""Extraction: a clean ``Article`` to its entities, mentions and facts.

In: ``Article`` records from ingest. Out: ``ArticleResult`` (entities with
aliases, mentions with character offsets into the original text, facts with
their evidence sentence, rule and confidence). ``nlp`` builds the spaCy
pipeline of ``config.cfg`` (pkuseg or LAC words, then the ``components``);
``statistical`` runs Baidu LAC and ``tagger`` the trained CRF whose names
replace LAC's; ``candidates`` finds mentions, one module per kind of finder
(``candidates.latin`` the Latin-script names in Chinese text), ``resolve``
makes them entities, ``relations`` finds facts (``affiliation``: the
model trained on DuIE that joins a person to an organization), ``article`` runs it all for
a batch of articles. Word lists live in ``patterns`` and the curated
lexicon of AI companies and models in ``lexicon`` (ontology/lexicon.ttl).
Every rule id a mention or fact may carry is registered in ``rules``.
"""
