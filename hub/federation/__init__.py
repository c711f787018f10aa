"""Federation: regional hubs that own a subtree of the tenant tree, and what travels
between hubs on PostgreSQL's logical replication (docs/federation.md)."""
