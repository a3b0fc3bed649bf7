"""Performance benchmarks run by `make bench`; figures are quoted in README.md."""
