"""Scripts that rebuild the shipped models from the public corpora (``make train``); not part of the package."""
