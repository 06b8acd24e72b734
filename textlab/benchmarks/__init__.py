"""Benchmark and training scripts (run with python -m textlab.benchmarks.<name>)."""
