## The main menu (flows/menu.toml) and texts shared by the topic flows

menu-main = Mau bahas apa? Pilih topik, atau langsung tulis pertanyaanmu.
menu-button = Pilih topik
menu-marriage = Usia menikah
menu-health = Kesehatan reproduksi
menu-period = Haid
menu-hiv = HIV dan IMS
menu-kb = KB dan kontrasepsi
menu-services = Layanan terdekat
menu-report = Lapor pernikahan anak
menu-counsellor = Bicara dengan konselor
menu-quiz = Kuis GenRe
menu-more = Lainnya
menu-retry = Pilih nomor topiknya ya, atau tulis pertanyaanmu.
menu-more-text = Yang lain:
menu-invite = Ajak teman
menu-events = Info acara GenRe
menu-pledge = Ikrar GenRe
menu-privacy = Bantuan dan privasi
menu-done = Selesai
menu-bye = Oke! Kalau ada pertanyaan lagi, kirim pesan kapan saja. Ketik TOLONG kalau butuh nomor bantuan.

common-main-menu = Menu utama
common-done = Selesai
common-anything-else = Ada lagi yang mau kamu tahu?
common-retry = Pilih salah satu nomor di bawah ya.
common-bye = Makasih sudah ngobrol! Kalau ada pertanyaan lagi, kirim pesan kapan saja.
