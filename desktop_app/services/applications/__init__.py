"""Applications: the pipeline, interviews, logged contacts, organisations and their people, drafts."""
