"""Facts found in an article: the date grammar, dated sentences, infobox kinds and values."""
