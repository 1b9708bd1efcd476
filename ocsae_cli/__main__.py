"""Allow ``python -m ocsae_cli``."""

from ocsae_cli.cli import main

if __name__ == "__main__":
    main()
