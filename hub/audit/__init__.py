"""The append-only, hash-chained audit log: who did or read what, where, and what was decided."""
