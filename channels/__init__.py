"""Custom Rasa input channels (fixes for Rasa 3.6's stock channels)."""
