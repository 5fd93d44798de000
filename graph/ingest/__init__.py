"""Ingest: files on disk to clean ``Article`` records.

In: paths (files or folders of .txt, .md, .html, .jsonl). Out: ``Article``
records (original text, cleaned text with offsets back into it, metadata) or
``Problem`` records for inputs that cannot be read. ``reading`` decodes and
splits files, ``debris`` finds web-copy debris, ``metadata`` reads headers and
bylines, ``cleaning`` puts it together.
"""
