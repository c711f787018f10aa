"""The API assembled: the schema of every domain, the GraphQL view over HTTP, the IDE."""
