"""A whole corpus built into the database: the pipeline, its workers and its report."""
