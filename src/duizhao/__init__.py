"""duizhao (对照): raw scrapes of Chinese and English texts to a side-by-side reader site.

The core pipeline, one module per stage, plain dataclasses handed one way (see model.py):
ingest -> clean -> metadata -> segment -> align -> render. No module here imports MkDocs.
"""

__version__ = "0.1.0"
