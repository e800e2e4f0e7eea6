"""Chapitre « moyenne_mediane » : sa banque de questions est dans ``questions``."""
