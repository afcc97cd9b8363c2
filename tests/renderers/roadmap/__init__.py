"""Tests of the roadmap's text, Markdown and JSON."""
