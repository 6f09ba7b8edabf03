"""Reading seed files: one reader per format, text repair, sentence splitting."""
