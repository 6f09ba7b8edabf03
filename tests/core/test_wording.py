from quizgen.core.wording import plural


def test_one_is_singular_and_everything_else_plural():
    assert plural(1, "article") == "1 article"
    assert plural(0, "article") == "0 articles"
    assert plural(1, "day") == "1 day" and plural(2, "day") == "2 days"
    assert plural(1200, "card") == "1,200 cards"
