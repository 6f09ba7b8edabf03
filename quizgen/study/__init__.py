"""Studying: the session and its queues, FSRS scheduling, the learner's settings."""
