"""Company pages: the `companies` themselves, their `contacts`, `interactions` and follow-ups,
recruitment `agreements`, alliance `commitments`, and `merges` of duplicates."""
