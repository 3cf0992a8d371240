## The benchmark survey (bench/survey/flows/survey.toml) and the few texts its other flows use.
survey-name = Halo! Siapa namamu?
# $name (String) - what the teen typed as their name
survey-age = Salam kenal, { $name }. Umurmu berapa?
survey-age-retry = Tulis umurmu dengan angka, misalnya 16.
survey-kecamatan = Kamu tinggal di kecamatan mana?
survey-kecamatan-retry = Kecamatan itu belum aku kenal. Tulis nama kecamatanmu, misalnya Bangil.
# $name (String) - what the teen typed as their name
survey-thanks = Terima kasih, { $name }!
menu-text = Menu.
menu-survey = Survei
menu-done = Selesai
menu-bye = Sampai jumpa.
help-text = Bantuan.
offtopic-text = Di luar topik.
counsellor-open = Konselor segera membalas.
# $office_hours (String) - when counsellors answer
counsellor-closed = Di luar jam kerja ({ $office_hours }).
feedback-ask = Membantu?
feedback-yes = Ya
feedback-no = Tidak
feedback-thanks = Makasih.
crisis-help = Telepon 112.
topic-greeting = Salam
topic-off-topic = Lain
system-stop-done = Berhenti.
system-start-done = Selamat datang kembali.
system-erase-done = Data dihapus.
system-safe-word = Nomor: 112.
system-safe-word-counsellor = Ke konselor
system-not-meant = Bukan itu maksudku
system-crisis-corrected = Maaf, salah paham.
system-media = Aku baca teks saja.
system-sla-wait = Maaf menunggu. Bahaya: 112.
# $office_hours (String) - when counsellors answer
system-sla-wait-closed = Di luar jam kerja ({ $office_hours }). Bahaya: 112.
system-unsupported = Tidak bisa dibaca.
system-flow-changed = Menu berubah.
system-clarify = Maksudmu?
system-clarify-other = Lainnya
system-retry-menu = Pilih nomor.
system-retry-ask = Coba lagi.
system-list-button = Pilih
# $name (String) - the service's name
services-item = - { $name }
# $kecamatan_name (String) - the teen's kecamatan
services-local-header = Di { $kecamatan_name }:
services-regency-header = Kabupaten:
services-national-header = Nasional:
# $value (String) - a verified contact detail
services-phone = telp { $value }
services-whatsapp = WA { $value }
services-address = alamat { $value }
services-website = web { $value }
services-kind-puskesmas = kesehatan remaja
services-kind-hotline = langsung
services-hours = jam { $value }
system-broadcast-footer = Ketik INFO ACARA untuk berhenti.
