"""Entity and fact extraction: spaCy components, resolution and relation rules."""
