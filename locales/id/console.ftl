## The counsellor console (src/console). Indonesian is the default; English is the switch.
# $case - a case number; $minutes - minutes; $hours - hours; $left - time left; $template - a template name

console-title = Konsol konselor Genre
console-login-name = Nama login
console-password = Kata sandi
console-sign-in = Masuk
console-sign-out = Keluar
console-login-wrong = Nama login atau kata sandi salah.
console-login-locked = Akun ini dikunci sementara karena terlalu banyak percobaan yang salah. Coba lagi 15 menit lagi, atau hubungi admin.
console-login-slow-down = Terlalu banyak percobaan dari perangkat ini. Tunggu beberapa menit.
console-queue = Antrean
console-admin = Konselor
console-audit = Log audit
console-available = Siap menerima kasus
console-away = Sedang tidak siap
console-availability-hint = Ubah status ketersediaan
console-mine = Kasus saya
console-waiting = Menunggu
console-others = Dipegang konselor lain
console-closed = Selesai
console-none = Tidak ada.
console-urgent = MENDESAK
console-normal = biasa
console-waited = menunggu
console-assigned-to = dipegang
console-unknown-kecamatan = kecamatan tidak diketahui
console-alerts = Peringatan
console-alert-sla = Kasus mendesak #{ $case } belum dibalas konselor.
console-alert-whatsapp = Genre: kasus mendesak #{ $case } belum dibalas dalam { $minutes } menit. Buka konsol konselor.
console-case = Kasus
console-topic = Topik
console-kecamatan = Kecamatan
console-age-band = Kelompok umur
console-status = Status
console-status-waiting = menunggu
console-status-assigned = dipegang konselor
console-status-closed = selesai
console-opened = Dibuka
console-reason = Alasan
console-conversation = Percakapan
console-reply = Balasan untuk remaja
console-send = Kirim
console-canned = Balasan siap pakai
console-canned-choose = Pilih balasan siap pakai...
console-take = Ambil kasus ini
console-transfer = Alihkan
console-transfer-to = Alihkan ke
console-close = Tutup kasus
console-outcome = Hasil
console-outcome-answered = Terjawab
console-outcome-referred_puskesmas = Dirujuk ke Puskesmas
console-outcome-referred_uptd_ppa = Dirujuk ke UPTD PPA
console-outcome-referred_kua = Dirujuk ke KUA
console-outcome-referred_police = Dirujuk ke polisi
console-outcome-no_response = Remaja tidak membalas
console-outcome-erased = Data dihapus remaja
console-notes = Catatan internal
console-add-note = Tambah catatan
console-reveal = Lihat nomor
console-reveal-reason = Alasan melihat nomor (dicatat di log audit)
console-revealed = Nomor remaja
console-window-open = Jendela WhatsApp 24 jam terbuka, sisa { $left }
console-window-closed-template = Jendela WhatsApp 24 jam sudah tertutup: balasanmu menunggu, dan template "{ $template }" dikirim agar remaja membalas dulu.
console-window-closed-none = Jendela WhatsApp 24 jam sudah tertutup dan tidak ada template: balasan tidak bisa dikirim sampai remaja menulis lagi.
console-window-sms = SMS atau Telegram: tidak ada batas 24 jam
console-corrected = remaja bilang bot salah paham
console-erased = remaja sudah menghapus datanya
console-back = Antrean
console-counsellors = Konselor
console-name = Nama
console-role = Peran
console-topics = Topik
console-kecamatan-list = Kecamatan
console-capacity = Kapasitas
console-phone = WhatsApp (supervisor)
console-add = Tambah konselor
console-disable = Nonaktifkan
console-disabled = nonaktif
console-set-password = Ganti kata sandi
console-all = semua
console-duration-minutes = { $minutes } mnt
console-duration-hours = { $hours } jam { $minutes } mnt
console-audit-when = Waktu
console-audit-who = Siapa
console-audit-what = Apa
console-not-allowed = Kamu tidak punya akses ke halaman ini.
console-speaker-teen = Remaja
console-speaker-bot = Bot
console-speaker-counsellor = Konselor
console-pseudonym = Nama samaran
console-channel = Saluran

## Canned replies: sent to the teen in the teen's language; `-label` is what counsellors see.
console-canned-greeting-label = Sapaan
console-canned-greeting = Halo, aku kakak konselor dari program GenRe. Terima kasih sudah menunggu. Aku di sini untuk mendengarkan.
console-canned-listening-label = Mendengarkan
console-canned-listening = Terima kasih sudah cerita. Yang kamu rasakan itu wajar. Boleh ceritakan lebih banyak?
console-canned-puskesmas-label = Rujukan Puskesmas
console-canned-puskesmas = Kamu bisa datang ke Puskesmas terdekat untuk layanan kesehatan remaja. Layanannya rahasia.
console-canned-sapa-label = Rujukan SAPA 129
console-canned-sapa = Kalau kamu atau temanmu mengalami kekerasan, SAPA 129 bisa membantu: telepon 129 atau WhatsApp 0811-1129-129. Kalau dalam bahaya sekarang, telepon 112.
console-canned-closing-label = Penutup
console-canned-closing = Terima kasih sudah bercerita. Kalau butuh lagi, ketik KONSELOR kapan saja. Kalau dalam bahaya, ketik TOLONG.

## The availability switch in the header
console-go-available = Saya siap
console-go-away = Saya istirahat

## Why a case was opened
# $what - the crisis rule's name, or the flow/step
console-reason-crisis = Pesan krisis (aturan { $what })
console-reason-command = Remaja minta bicara dengan konselor (KONSELOR)
console-reason-flow = Dari percakapan bot ({ $what })

## Whether a message reached the teen
console-delivery-pending = sedang dikirim
console-delivery-sent = terkirim
console-delivery-delivered = diterima
console-delivery-read = dibaca
console-delivery-failed = GAGAL terkirim
console-delivery-held = menunggu remaja membalas (jendela 24 jam)
console-delivery-cancelled = dibatalkan

## Topic names for staff (more precise than the teen's menu)
console-topic-violence-crisis = Krisis: kekerasan, menyakiti diri, bahaya
console-topic-forced-marriage-report = Pernikahan anak (laporan atau ancaman)
console-topic-counsellor-request = Minta bicara dengan konselor

## Right of access (admins)
console-privacy = Permintaan data
console-export-explain = Remaja boleh meminta semua data tentang dirinya. Masukkan nomor (atau chat id Telegram) yang ia pakai: Anda mendapat satu berkas JSON berisi data, persetujuan, pesan, kasus dan catatannya. Setiap ekspor tercatat di log audit.
console-export-address = Nomor atau chat id
console-export = Ekspor
console-export-none = Tidak ada data untuk nomor ini.

## Broadcasts (Safari Genre events)
console-broadcasts = Siaran
console-broadcast-who = Siaran hanya sampai ke remaja yang setuju menerima info acara; remaja yang mengirim STOP atau mematikan info acara dilewati, juga saat siaran sedang dikirim.
console-broadcast-body = Pengumuman
console-broadcast-footer-note = Di akhir pesan ditambahkan cara berhenti menerima info acara, dalam bahasa masing-masing remaja.
console-broadcast-template = Template WhatsApp (opsional)
console-broadcast-template-note = WhatsApp hanya mengizinkan pesan bebas dalam 24 jam sejak pesan terakhir remaja. Untuk yang lain, tulis nama template yang sudah disetujui Meta; tanpa template mereka dilewati.
console-broadcast-none-is-all = Tidak memilih berarti semua.
console-broadcast-preview = Cek jumlah penerima
# $count - how many teens the broadcast would reach
console-broadcast-audience = Siaran ini sampai ke { $count } remaja.
console-broadcast-send = Kirim siaran
console-broadcast-sent = Siaran terkirim
console-broadcast-cancelled = dibatalkan
console-broadcast-audience-size = Remaja
console-broadcast-waiting = Menunggu
console-broadcast-skipped = Dilewati
console-broadcast-cancel = Hentikan pengiriman

## Reports (src/console/reports.rs): aggregate figures for supervisors and admins
# $from, $to - the period's first and last day (YYYY-MM-DD); $seconds - a number of seconds

console-reports = Laporan
console-reports-from = Dari tanggal
console-reports-to = Sampai tanggal
console-reports-show = Tampilkan
console-reports-download-csv = Unduh CSV
console-reports-download-json = Unduh JSON
console-reports-period = Periode { $from } sampai { $to } (hari WIB)
console-reports-bad-period = Periode tidak bisa dipakai: tulis tanggal seperti 2026-11-30, tanggal akhir tidak sebelum tanggal awal, paling lama 366 hari.
console-reports-privacy = "<5" berarti kurang dari 5, atau angka yang disembunyikan supaya angka kecil tidak bisa dihitung dari jumlahnya. Median, skor, dan kedalaman dari kurang dari 5 remaja atau kasus juga disembunyikan. Dengan begitu tidak ada remaja yang bisa dikenali. Nomor HP dan isi pesan tidak pernah masuk laporan.
console-reports-reach = Remaja yang terjangkau
console-reports-reach-hint = Remaja yang menulis ke bot. Baru: pesan pertamanya dalam periode (atau minggu) itu; kembali: sudah pernah menulis sebelumnya. Staf dan remaja yang menghapus datanya tidak dihitung.
console-reports-teens = Remaja
console-reports-new = Baru
console-reports-returning = Kembali
console-reports-week = Minggu
console-reports-by-week = Per minggu (ISO, Senin sampai Minggu)
console-reports-by-kecamatan = Per kecamatan
console-reports-by-age-band = Per kelompok umur
console-reports-unknown = tidak diketahui
console-reports-topics = Topik yang ditanyakan
console-reports-topic = Topik
console-reports-asked = Pertanyaan
console-reports-total = Jumlah
console-reports-topic-trigger = Kata kunci langsung (kuis, undangan, acara, ikrar)
console-reports-flows = Alur percakapan
console-reports-flows-hint = Alur yang dimulai dalam periode ini: berapa yang selesai, dan di pertanyaan mana remaja berhenti kalau tidak selesai.
console-reports-flow = Alur
console-reports-started = Dimulai
console-reports-completed = Selesai
console-reports-unfinished = Tidak selesai
console-reports-stopped-at = Berhenti di
console-reports-no-node = sebelum pertanyaan pertama
console-reports-cases = Kasus untuk konselor
console-reports-urgent = Mendesak
console-reports-normal = Biasa
console-reports-all = Semua
console-reports-sla-breaches = Kasus mendesak yang tidak dibalas dalam batas waktu (SLA)
console-reports-first-reply = Waktu sampai balasan pertama konselor
console-reports-replied = Dibalas
console-reports-median = Median
console-reports-p90 = 90% dibalas dalam
console-reports-seconds = { $seconds } dtk
console-reports-feedback = Umpan balik: "Apakah ini membantu?"
console-reports-answers = Jawaban
console-reports-helped = Membantu
console-reports-not-helped = Tidak membantu
console-reports-score = Skor (persen yang menjawab membantu)
console-reports-cascade = Rantai undangan
console-reports-cascade-hint = Remaja yang bergabung dalam periode ini. Generasi 0 datang tanpa undangan; generasi 1 diajak oleh generasi 0, generasi 2 oleh generasi 1, dan seterusnya (yang mengajak boleh bergabung sebelum periode ini). Kedalaman: generasi tertinggi.
console-reports-generation = Generasi
console-reports-brought = Mengajak (generasi berikutnya)
console-reports-invited = Diajak teman
console-reports-without-invite = Tanpa undangan
console-reports-depth = Kedalaman
console-reports-none = Tidak ada data dalam periode ini.
