"""Compiled reads: a read operation answered by one SQL statement per root field.

The plan (``hub.compiled.plan``) looks at a validated query once and decides whether every
field it selects can be built in SQL; the statement (``hub.compiled.statement``) takes the
rows the service itself would page, its scope and filter included, and has PostgreSQL build
the field's JSON around them, which the response sends without parsing it. Whatever a plan
cannot promise to answer exactly as the resolvers would, it leaves to them.
"""
