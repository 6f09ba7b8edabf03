"""What the review log says: statistics, the JSON report, FSRS optimisation."""
