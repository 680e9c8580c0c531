"""Geo stage: places from the knowledge base (geonames cities, states) and event locations."""
