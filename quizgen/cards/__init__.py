"""Questions made cards: quality judgement, distractors, decks."""
