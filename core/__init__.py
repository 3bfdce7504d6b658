"""Helpers that belong to no app: imported by the apps, importing none of them."""
