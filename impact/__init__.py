"""Which pages people read, counted first-party and without identifying
anyone (issue 17): views per page per day, where they came from (the
referring site's domain, utm_source, utm_campaign) and in which language, and
about how many people made them.

And what staff read from them (Reports → Impact): which stories and themes
turn readers into signers, how each petition goes towards its goal, where
readers came from, and a weekly summary for Moderators.

A layer of its own between home and actions: what it counts needs only core
(and Wagtail's pages), and what staff read from it (conversion: signatures
attributed to a story divided by its views) needs actions' signatures and
stories' themes, so it sits above both. Nothing below needs it:
pages ask to be counted through the `view_counter` template tag, which base.html
loads by name, and the worker and the WSGI entry point, which compose every
app, call it."""
