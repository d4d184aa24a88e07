"""The shipped default model (installed as the package ``edusummary.models``)."""
