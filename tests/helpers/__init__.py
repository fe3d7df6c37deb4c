"""What the tests share: sample files and records, and ways of driving the window; no tests here."""
