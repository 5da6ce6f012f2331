from tocht_cli.cli import main

main()
