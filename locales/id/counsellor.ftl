## A counsellor, please (flows/counsellor.toml)
# $office_hours - when counsellors answer (GENRE_OFFICE_HOURS_TEXT)

counsellor-open = Oke, aku sambungkan ke kakak konselor. Mereka manusia, bukan bot, dan sudah terlatih. Tulis ceritamu di sini, kakak konselor akan membalas secepatnya. Selama itu aku diam dulu. Kalau kamu dalam bahaya, telepon 112.
counsellor-closed = Sekarang di luar jam kerja kakak konselor ({ $office_hours }). Tulis ceritamu di sini: pesanmu tersimpan, dan kakak konselor akan membalas di jam kerja berikutnya. Kalau kamu dalam bahaya sekarang, telepon 112 (gratis, 24 jam). Untuk kekerasan: SAPA 129, telepon 129 atau WhatsApp 0811-1129-129.
