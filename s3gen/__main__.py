"""`python -m s3gen` runs the command line."""

from s3gen.cli import main

main()
