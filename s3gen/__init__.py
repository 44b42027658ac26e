"""s3gen: the Transnational Smart Specialisation Strategy of the Baltic Sea Region as code."""

__version__ = "0.1.0"
