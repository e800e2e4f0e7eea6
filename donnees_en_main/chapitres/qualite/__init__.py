"""Chapitre « qualite » : sa banque de questions est dans ``questions``."""
