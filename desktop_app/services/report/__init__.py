"""Reports made from the user's own data: the job-search activity report (proof of the search)."""
