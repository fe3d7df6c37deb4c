"""The vault: qualifications and the documents that prove them, stored by content."""
