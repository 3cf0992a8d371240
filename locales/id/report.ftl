## Reporting a planned child marriage (flows/report.toml)

report-intro = Terima kasih sudah peduli. Aku akan tanya beberapa hal singkat. Kamu tidak perlu menyebut nama siapa pun.
report-whose = Siapa yang akan dinikahkan?
report-whose-me = Aku sendiri
report-whose-other = Teman atau saudara
report-when = Kira-kira kapan pernikahannya?
report-when-week = Minggu ini
report-when-month = Bulan ini
report-when-later = Lebih lama lagi
report-when-unknown = Belum tahu
report-kecamatan = Di kecamatan mana? Tulis namanya, atau ketik LEWATI.
report-contact = Boleh kakak petugas menghubungimu lewat chat ini?
report-contact-yes = Boleh
report-contact-no = Jangan
report-what-next = Laporanmu aku teruskan ke kakak petugas. Mereka akan membaca laporanmu dan memutuskan langkah yang bisa diambil, misalnya pendampingan untuk keluarga bersama penyuluh KB atau UPTD PPA. Identitas pelapor dijaga.
report-urgent = Karena pernikahannya sudah dekat, laporanmu kami tandai mendesak. Kalau ada bahaya sekarang, telepon 112. SAPA 129 juga bisa membantu: telepon 129 atau WhatsApp 0811-1129-129.
report-normal = Kakak petugas akan membalas di sini saat jam kerja ({ $office_hours }). Kalau keadaannya berubah jadi mendesak, ketik TOLONG.
