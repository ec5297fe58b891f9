# Swedish dates and times as Swedish public-sector texts write them: "13 januari 2023",
# "kl. 09.00".
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H.i"
DATETIME_FORMAT = "j F Y \\k\\l. H.i"
SHORT_DATE_FORMAT = "Y-m-d"
