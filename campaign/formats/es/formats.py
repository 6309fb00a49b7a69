"""Spanish as it is read in the United States: Django's Mexican formats, with
the decimal point and the thousands comma that US readers of Spanish expect
and the Academia Norteamericana de la Lengua Española recommends there
(“1,000 firmas”, “12.5 años”, “$1,000”), and dates as Spanish writes them
(“31 de diciembre de 2026”). Django's plain “es” writes “1.000” and “12,5”,
as in Spain."""

from django.conf.locale.es_MX.formats import *  # noqa: F403
