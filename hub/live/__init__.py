"""Live updates: the events behind GraphQL subscriptions (served by hub.api.live).

Writers put a small event (tenant, kind, object id) in their transaction's outbox; on
PostgreSQL it becomes a ``NOTIFY`` that every server process hears once the transaction
commits, on SQLite it goes to the subscribers of this process after the commit. Each
subscriber then reads the object through the normal services, with its own rights checked
afresh, so an event says nothing that its subscriber could not have queried.
"""
