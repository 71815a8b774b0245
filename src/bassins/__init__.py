"""bassins: territorial organisation of social and health care in the Brussels-Capital Region."""

__version__ = "0.1.0"
