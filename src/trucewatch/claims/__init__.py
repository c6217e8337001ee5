"""Claims against the record: public statements about pledges, linked and checked.

``text`` turns the extractor's kept/broken pledges into claims, ``files`` reads claim files,
``link`` finds the pledge a claim is about, and ``check`` sets each claim beside the verdicts
under the speaker's reading, every other reading and the strictest.
"""
