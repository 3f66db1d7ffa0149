"""python -m service ...: the command line, thin commands on the use cases."""
