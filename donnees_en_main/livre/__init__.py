"""Building the published book: French Sphinx extension, JupyterLite (« Essayer dans le navigateur »)."""
