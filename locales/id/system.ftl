## Texts the engine itself uses: commands, crisis correction, retries, lists.
## Reviewed for tone: short, kind, never scolding. Numbers: flows/data/services.toml (verified).

system-stop-done = Oke, kamu sudah berhenti. Kami tidak akan mengirim pesan lagi. Kalau suatu saat butuh, ketik MULAI. Kalau dalam bahaya, telepon 112.
system-start-done = Selamat datang kembali! Ketik MENU untuk melihat pilihan.
system-erase-done = Semua datamu sudah kami hapus: pesan, jawaban, dan nomormu. Kalau butuh lagi, kirim pesan kapan saja.
system-safe-word =
    Nomor penting:
    Bahaya sekarang: 112 (gratis)
    SAPA 129: telepon 129 atau WhatsApp 0811-1129-129
system-safe-word-counsellor = Bicara ke konselor
system-not-meant = Bukan itu maksudku
system-crisis-corrected = Maaf, aku salah paham. Makasih sudah bilang. Kita lanjut ya. Kalau butuh nomor bantuan, ketik TOLONG kapan saja.
system-media = Makasih! Aku baru bisa membaca pesan teks. Tulis pesanmu ya, atau ketik MENU.
system-unsupported = Maaf, pesan jenis ini belum bisa aku baca. Tulis pesanmu ya, atau ketik MENU.
system-flow-changed = Maaf, menunya baru saja diperbarui. Kita mulai dari menu ya.
system-clarify = Maksudmu yang mana?
system-clarify-other = Yang lain
system-retry-menu = Pilih salah satu nomor di bawah ya.
system-retry-ask = Maaf, aku belum mengerti jawabanmu. Coba lagi ya.
system-list-button = Pilih

## Sent when a case has waited longer than the SLA (GENRE_SLA_MINUTES) for a counsellor.
system-sla-wait = Maaf, kakak konselor belum sempat membalas. Kami tetap berusaha secepatnya. Kalau kamu dalam bahaya sekarang, telepon 112 (gratis). SAPA 129: telepon 129 atau WhatsApp 0811-1129-129.
system-sla-wait-closed = Maaf, sekarang di luar jam kerja kakak konselor ({ $office_hours }), jadi balasan bisa lebih lama. Kalau kamu dalam bahaya sekarang, telepon 112 (gratis, 24 jam). SAPA 129: telepon 129 atau WhatsApp 0811-1129-129.

## Added under every event announcement (broadcast) a supervisor sends.
system-broadcast-footer = Tidak mau info acara lagi? Ketik INFO ACARA lalu pilih "Berhenti dapat info".
