## Topic titles for the clarifying question ("Maksudmu sing endi?"), at most 24 characters.
# Review: machine-assisted draft; must be reviewed by a native East-Javanese speaker before launch.

topic-greeting = Kenalan disik
topic-marriage-age = Umur rabi
topic-reproductive-health = Kesehatan reproduksi
topic-menstruation = Haid
topic-hiv-sti = HIV lan IMS
topic-contraception = KB lan kontrasepsi
topic-services-location = Layanan sing cedhak
topic-violence-crisis = Kekerasan utawa bullying
topic-forced-marriage-report = Lapor arek dirabekno
topic-counsellor-request = Crito nang konselor
topic-opt-out = Mandeg utawa busak data
topic-off-topic = Liyane
