"""Data files shipped with edusummary: the domain dictionary and stop words."""
