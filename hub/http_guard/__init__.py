"""What stands between the network and the GraphQL endpoints: CORS, the cross-site request
check and rate limits. Each is a pure ASGI middleware; ``hub.app`` orders them."""
