"""timeline: news articles in, a trustworthy chronological timeline out."""

__version__ = "0.1.0"
