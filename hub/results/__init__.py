"""Cached results of read operations, invalidated by every write the database sees."""
