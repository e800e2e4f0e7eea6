"""Chapitre « gouvernance » : sa banque de questions est dans ``questions``."""
