## Salam Genre: first contact (flows/salam.toml)
# $org_name - the agency that runs the service (server setting GENRE_ORG_NAME)
# $retention_days - after how many days message texts are deleted (GENRE_RETENTION_DAYS)

salam-hello = Halo! Aku Kak Genre, teman chat dari program GenRe { $org_name }. Aku bot (program otomatis). Di sini kamu bisa tanya soal usia menikah, kesehatan reproduksi, dan layanan terdekat. Nggak perlu malu.
salam-language = Mau pakai bahasa apa?
salam-lang-id = Bahasa Indonesia
salam-lang-jv = Basa Jawa
salam-lang-en = English
salam-language-retry = Pilih salah satu bahasa di bawah ya.
salam-age = Umurmu berapa? Pilih kelompoknya saja, kami tidak menanyakan tanggal lahir.
salam-age-under13 = Di bawah 13
salam-age-13-15 = 13-15 tahun
salam-age-16-17 = 16-17 tahun
salam-age-18-24 = 18-24 tahun
salam-age-retry = Pilih salah satu kelompok umur ya.
salam-too-young = Makasih sudah mampir! Layanan chat ini untuk umur 13 tahun ke atas. Coba ngobrol dengan orang tua, guru, atau bidan yang kamu percaya ya. Kalau kamu dalam bahaya, minta orang dewasa menelepon 112 (gratis).
salam-notice =
    Sebelum mulai, ini yang perlu kamu tahu:
    - Layanan ini dijalankan oleh { $org_name }.
    - Yang kami simpan: pesanmu, kelompok umur, dan kecamatan kalau kamu mau memberi tahu. Kami tidak pernah menanyakan nama, alamat, sekolah, atau NIK.
    - Isi pesan dihapus otomatis setelah { $retention_days } hari.
    - Yang bisa membaca: kakak konselor terlatih, hanya kalau kamu minta bantuan atau dalam keadaan darurat. Mereka tidak melihat nomormu.
salam-notice-rights =
    - Ketik STOP untuk berhenti, dan HAPUS untuk menghapus semua datamu, kapan saja.
    - Kalau HP-mu dipakai bersama keluarga, kamu bisa menghapus chat ini setelah selesai.
salam-consent = Kamu setuju?
salam-consent-yes = Setuju
salam-consent-no = Tidak setuju
salam-consent-retry = Pilih "Setuju" kalau mau lanjut, atau "Tidak setuju".
salam-declined = Tidak apa-apa. Kalau berubah pikiran, kirim pesan kapan saja. Ketik HAPUS untuk menghapus pesan yang sudah terkirim. Kalau kamu dalam bahaya, ketik TOLONG atau telepon 112.
salam-thanks = Makasih! Sekarang kamu bisa tanya apa saja.
salam-back-to-question = Soal pertanyaanmu tadi:
salam-kecamatan = Satu lagi, boleh dilewati: kamu tinggal di kecamatan mana? Supaya aku bisa kasih info layanan terdekat. Tulis nama kecamatannya, atau ketik LEWATI.
salam-kecamatan-retry = Aku belum kenal nama itu. Tulis nama kecamatan di Kabupaten Pasuruan (misalnya Bangil, Pandaan, Gempol), atau ketik LEWATI.
salam-pledge-offer = Mau kenalan dengan ikrar GenRe? Cuma sebentar.
salam-pledge-yes = Mau
salam-pledge-later = Nanti saja
