"""Web chat page for the heel pain pre-screening assistant (see web/server.py)."""
