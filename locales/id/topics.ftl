## Topic titles for the clarifying question ("Maksudmu yang mana?"), at most 24 characters.

topic-greeting = Kenalan dulu
topic-marriage-age = Usia menikah
topic-reproductive-health = Kesehatan reproduksi
topic-menstruation = Haid
topic-hiv-sti = HIV dan IMS
topic-contraception = KB dan kontrasepsi
topic-services-location = Layanan terdekat
topic-violence-crisis = Kekerasan atau bullying
topic-forced-marriage-report = Lapor pernikahan anak
topic-counsellor-request = Bicara dengan konselor
topic-opt-out = Berhenti atau hapus data
topic-off-topic = Yang lain
