"""Chapitre « cantine » : sa banque de questions est dans ``questions``."""
