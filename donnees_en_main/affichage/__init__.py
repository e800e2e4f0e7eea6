"""Charts and dashboards shared by the book, workshops and exercises."""
