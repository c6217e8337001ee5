"""Ukrainian and Russian texts: lemmatised, glossed into the English rules' words, extracted.

The English rule modules (dates, counts, clauses, pledges) already encode the contract; a
Ukrainian or Russian text is read by turning each word into the English word those rules look
for (by its lemma, from pymorphy3's dictionaries), places into their English gazetteer names and
number words into digits, then running the English rules on that gloss. Evidence spans are
mapped back to the original text.
"""

from trucewatch.extract.slavic.extractor import SlavicExtractor
from trucewatch.extract.slavic.gloss import Gloss, gloss_text

__all__ = ["Gloss", "SlavicExtractor", "gloss_text"]
