"Benchmarks of the membership suite: `make bench` runs `python -m bench`"
