"""The server process: readiness, load shedding, outages, shutdown, memory."""
