"""Demo data for `make run`: the fictional town of Ekeby and its synthetic respondents."""
