"""The dialogue blueprints: answering, editing, staff pages, privacy, comparison."""
