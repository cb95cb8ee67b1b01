"""Background jobs with visible progress: a re-screen, a batch deduplication.

A job is a row (``models.Job``) that a service creates in the caller's transaction, and a
work function that ``runner.run`` executes afterwards: in a background task of the web app
(after the request has committed) or in the foreground of a CLI command. The work commits
in batches (``JobContext.unit``) and reports progress in the same transactions, so a
progress page reads it and a crash loses at most the batch in flight.
"""
