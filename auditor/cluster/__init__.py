"""Story clustering: which documents are versions of the same story, and how much of one another they cover."""
