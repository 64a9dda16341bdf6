"""Story clustering: which documents are versions of the same story, and how much of one another they cover.

``stories`` is the streaming clusterer; ``params`` holds every parameter with its reason, ``signals``
the same-story signals, ``lsh`` the candidate indexes, ``vectors`` the bounded sentence-vector store,
``unionfind`` the package's one union-find and ``lis`` the longest increasing subsequence.
"""
