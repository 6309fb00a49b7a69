"""The words of the national figures (registry.figures), in the language of
the request: each figure is built afresh for every request that shows it,
and the fragments that keep them are kept per language.

The factors' labels are translated with the Registry's codes
(registry.models.codes); the states and crimes stay as the Registry's files
name them."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def formatted(number):
    """A count as readers see it: 3,512; a median of 9.5 years as 9.5 (3.512
    and 9,5 in Spanish)."""
    if isinstance(number, float) and not number.is_integer():
        return number_format(round(number, 1), decimal_pos=1, force_grouping=True)
    return number_format(int(number), force_grouping=True)


def per_year(peak_year, peak_count, total, first, last):
    return {
        "title": ngettext(
            "Exonerations peaked in %(year)s, when %(count)s person was exonerated",
            "Exonerations peaked in %(year)s, when %(count)s people were exonerated",
            peak_count,
        )
        % {"year": peak_year, "count": formatted(peak_count)},
        "summary": _(
            "%(total)s exonerations from %(first)s to %(last)s, counted by the year each "
            "conviction was set aside."
        )
        % {"total": formatted(total), "first": first, "last": last},
        "caption": _("Exonerations per year"),
        "headers": (_("Year"), _("Exonerations")),
    }


def factor_share(label, share):
    return _("%(factor)s played a part in %(share)s of exonerations") % {
        "factor": label,
        "share": share,
    }


def factors(top_label, top_share):
    return {
        "title": factor_share(top_label, top_share),
        "summary": _(
            "The share of exonerations in which each contributing factor played a part. Most "
            "cases had more than one, so the shares add up to more than 100%."
        ),
        "caption": _("Contributing factors in exonerations"),
        "headers": (_("Contributing factor"), _("Exonerations"), _("Share")),
    }


def factor(label, share, count, total):
    factor_name = label.lower()
    return {
        "title": factor_share(label, share),
        "summary": _("%(count)s of the %(total)s exonerations on record involved %(factor)s.")
        % {"count": count, "total": formatted(total), "factor": factor_name},
        "caption": _("Exonerations involving %(factor)s") % {"factor": factor_name},
        "headers": (_("Exonerations"), _("Number"), _("Share")),
    }


def other_exonerations():
    return _("Other exonerations")


def years_spans(span, spans):
    """The labels of the spans of years lost: under 5, 5 to 9…, 25 or more."""
    last = span * (spans - 1)
    return [
        _("Under %(years)s years") % {"years": span},
        *(
            _("%(start)s to %(end)s years") % {"start": start, "end": start + span - 1}
            for start in range(span, last, span)
        ),
        _("%(years)s years or more") % {"years": last},
    ]


def years_lost(years, median, known):
    return {
        "title": _(
            "Exonerees lost %(years)s years between conviction and exoneration; half of them "
            "lost %(median)s years or more"
        )
        % {"years": formatted(years), "median": median},
        "summary": _(
            "How many years passed between conviction and exoneration, for the %(known)s "
            "cases whose two years are known. The median is %(median)s years."
        )
        % {"known": formatted(known), "median": median},
        "caption": _("Years between conviction and exoneration"),
        "headers": (_("Years lost"), _("Exonerations"), _("Share")),
        "note": _(
            "Counted from the years of conviction and exoneration, not their dates, so each "
            "figure is within a year of the time served."
        ),
    }


def dna_rows():
    return _("DNA central"), _("Without DNA")


def dna(with_share, without_share):
    return {
        "title": _(
            "DNA evidence was central in %(with)s of exonerations; the other %(without)s were "
            "won without it"
        )
        % {"with": with_share, "without": without_share},
        "summary": _("Exonerations in which DNA evidence was central, against all the others."),
        "caption": _("DNA and other exonerations"),
        "headers": (_("Exonerations"), _("Number"), _("Share")),
    }


def federal_courts():
    return _("Federal courts")


def other_states(others):
    return _("%(count)s other states together") % {"count": others}


def states(top_label, top_count, top_share, drawn):
    return {
        "title": _("%(state)s counts the most exonerations: %(count)s, %(share)s of all")
        % {"state": top_label, "count": top_count, "share": top_share},
        "summary": _(
            "Exonerations by the state where the conviction was, the %(drawn)s with the most "
            "drawn; the table lists every state."
        )
        % {"drawn": drawn},
        "caption": _("Exonerations by state"),
        "headers": (_("State"), _("Exonerations"), _("Share")),
    }


def other_crimes():
    return _("Other crimes together")


def crimes(top_label, top_share):
    return {
        "title": _("%(share)s of exonerations undid a conviction for %(crime)s")
        % {"share": top_share, "crime": top_label.lower()},
        "summary": _("The most serious crime each person was wrongly convicted of."),
        "caption": _("The crimes people were wrongly convicted of"),
        "headers": (_("Worst crime"), _("Exonerations"), _("Share")),
    }
