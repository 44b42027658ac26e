"""s3gen: a Transnational Smart Specialisation Strategy (Trans-S3) as code: YAML in git, validated,
analysed and published as HTML and PDF (the default strategy is the Baltic Sea Region's)."""

__version__ = "0.1.0"
