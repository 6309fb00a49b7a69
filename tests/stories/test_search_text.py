"""How search reads a query and marks the words it found (no database)."""

from stories.search import highlight, search_terms


def test_search_terms_are_words_without_duplicates_or_stray_letters():
    assert search_terms('Marcus "Reed" marcus; %%% O\'Brien _x_') == ["Marcus", "Reed", "Brien"]
    assert search_terms("Reed's") == ["Reed"]
    assert search_terms("a") == ["a"]
    assert search_terms("%%% *** --- ___") == []
    assert len(search_terms(" ".join(f"word{n}" for n in range(100)))) == 12


def test_highlight_escapes_first_and_never_marks_inside_an_entity():
    assert highlight("Tom & Jerry", ["amp"]) == "Tom &amp; Jerry"
    assert highlight("<b>DNA</b> evidence", ["dna", "b"]) == (
        "&lt;<mark>b</mark>&gt;<mark>DNA</mark>&lt;/<mark>b</mark>&gt; evidence"
    )
    assert highlight("", ["x"]) == ""
    assert highlight(None, []) == ""
