"""Allow ``python -m ocsae_cli``, entered as the console script is (Ctrl-C handled first)."""

from ocsae_cli.launch import main

if __name__ == "__main__":
    main()
