"""Facts phrased as questions: infobox questions, dated questions, English word lists."""
