"""Load data: realistic conversations in bulk, for benchmarks (`generate_load_data`)."""
