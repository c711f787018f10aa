"""The benchmark behind ``scripts/bench load``: a dataset, the servers, a load client."""
