"""Tests of the care-plan screens."""
