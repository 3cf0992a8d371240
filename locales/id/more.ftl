## Smaller flows: off-topic, help, opt-out, quiz, invites, events, pledge

offtopic-text = Hmm, soal itu aku belum bisa bantu. Aku paling paham soal usia menikah, kesehatan reproduksi, haid, HIV, KB, dan layanan terdekat.

help-text =
    Aku Kak Genre, bot dari program GenRe { $org_name }. Kata yang selalu bisa kamu ketik:
    MENU - pilihan topik
    KONSELOR - bicara dengan kakak konselor (manusia)
    TOLONG - nomor bantuan darurat
    STOP - berhenti menerima pesan
    HAPUS - hapus semua datamu
help-privacy = Kami tidak menanyakan nama, alamat, atau sekolah. Isi pesan dihapus otomatis setelah { $retention_days } hari. Kakak konselor tidak melihat nomormu.

optout-confirm = Kamu mau yang mana?
optout-choice-stop = Berhenti dapat pesan
optout-choice-erase = Hapus semua dataku
optout-choice-cancel = Tidak jadi

quiz-intro = Kuis GenRe! Empat pertanyaan singkat. Pilih jawabanmu.
quiz-retry = Pilih salah satu jawaban ya.
quiz-right = Betul!
quiz-wrong = Belum tepat.
quiz-q1 = 1. Berapa umur minimal menikah menurut UU di Indonesia?
quiz-q1-a = 16 tahun
quiz-q1-b = 18 tahun
quiz-q1-c = 19 tahun
quiz-q1-why = Menurut UU 16/2019, umur minimal menikah 19 tahun untuk perempuan dan laki-laki.
quiz-q2 = 2. HIV bisa menular lewat minum dari gelas yang sama?
quiz-q2-a = Bisa
quiz-q2-b = Tidak bisa
quiz-q2-why = HIV tidak menular lewat gelas, makan bersama, pelukan, atau gigitan nyamuk.
quiz-q3 = 3. Boleh keramas saat haid?
quiz-q3-a = Boleh
quiz-q3-b = Tidak boleh
quiz-q3-why = Mandi dan keramas saat haid itu boleh dan baik untuk kebersihan.
quiz-q4 = 4. Menurut BKKBN, umur ideal menikah untuk perempuan?
quiz-q4-a = 19 tahun
quiz-q4-b = 21 tahun
quiz-q4-c = 25 tahun
quiz-q4-why = BKKBN menyarankan 21 tahun untuk perempuan dan 25 tahun untuk laki-laki.
quiz-done = Selesai! Ajak temanmu main kuis ini juga: ketik AJAK TEMAN untuk dapat link undanganmu.

invite-link = Ajak temanmu ngobrol dengan Kak Genre! Bagikan link ini: { $invite_link }
invite-count =
    { $invite_count ->
        [0] Belum ada teman yang bergabung lewat linkmu. Kami tidak memberi tahu siapa pun nama atau nomormu.
       *[other] Sudah { $invite_count } teman bergabung lewat linkmu. Makasih! Kami tidak memberi tahu siapa pun nama atau nomormu.
    }
invite-welcome-invited = Selamat datang! Kamu diajak temanmu untuk ngobrol dengan Kak Genre. Temanmu tidak akan tahu apa yang kamu tanyakan.

events-offer = Mau dapat info acara GenRe di kecamatanmu? Kamu bisa berhenti kapan saja.
events-yes = Mau
events-no = Tidak
events-kecamatan = Acara di kecamatan mana yang mau kamu ikuti? Tulis namanya, atau ketik LEWATI.
events-on = Oke, kamu akan dapat info acara GenRe. Kalau mau berhenti, ketik INFO ACARA lalu pilih "Berhenti dapat info".
events-subscribed = Kamu sudah terdaftar untuk info acara GenRe. Mau berhenti?
events-stop = Berhenti dapat info
events-keep = Tetap dapat info
events-off = Oke, kamu tidak akan dapat info acara lagi.

pledge-text = Ikrar GenRe: "Katakan tidak pada pernikahan dini, seks pranikah, dan NAPZA." Remaja GenRe juga merencanakan menikah di usia ideal: 21 tahun untuk perempuan dan 25 tahun untuk laki-laki.
pledge-ask = Kamu mau ikut ikrar ini?
pledge-yes = Aku ikut!
pledge-later = Nanti saja
pledge-done = Keren! Kamu sekarang bagian dari Generasi Berencana. Ceritakan ke temanmu juga ya.
