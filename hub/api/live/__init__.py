"""Subscriptions over WebSocket: the protocol, the sessions, the live executor and the
subscription fields. The events they wait for come from hub.live."""
