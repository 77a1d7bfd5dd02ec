"""The dashboard's shared parts: the frame every page starts with, i18n, formatting, charts.

Pages stay thin by calling these; nothing here computes scores (that is `scoring/`).
"""
