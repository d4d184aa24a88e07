"""The training data the shipped model is built from (installed as ``edusummary.data``)."""
