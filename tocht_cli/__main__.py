from tocht_cli.launch import main

main()
