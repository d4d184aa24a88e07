"""The classifier: features, the fitted model, training and evaluation."""

from .predictions import Predictions

__all__ = ["Predictions"]
