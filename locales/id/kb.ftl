## Hello Genre: contraception (flows/contraception.toml), framed as national policy frames it.
## Sources: flows/SOURCES.md, "Contraception". Never dosing.

kb-intro = Informasi soal KB itu penting, untuk sekarang atau nanti. Di Indonesia, layanan KB diberikan untuk pasangan yang sudah menikah. Kalau kamu belum menikah, aku bisa kasih info dasar dan cara menjaga diri.
kb-topics = Mau tahu soal apa?
kb-choice-methods = Jenis-jenis KB
kb-choice-where = Konsultasi KB di mana?
kb-choice-condom = Kondom dan IMS
kb-choice-teens = Untuk remaja
kb-choice-more = Soal KB lainnya
kb-methods =
    Jenis KB yang ada di Indonesia:
    - Jangka panjang (MKJP): IUD/spiral (AKDR), implan, sterilisasi perempuan (MOW), dan vasektomi (MOP).
    - Lainnya: suntik (1 bulan atau 3 bulan), pil, dan kondom.
    Cara pakai dan cocok tidaknya dibahas langsung dengan bidan atau petugas KB.
kb-where = Konsultasi KB bisa ke bidan, Puskesmas, atau petugas KB (PKB/PLKB) di kecamatanmu. Mereka membantu memilih cara yang cocok untuk pasangan yang sudah menikah.
kb-condom = Kondom bisa mengurangi risiko tertular HIV dan IMS lain. Kalau ada tanda IMS, seperti luka, bintil, atau cairan yang tidak biasa di kelamin, periksakan ke Puskesmas. Rahasiamu dijaga.
kb-teens =
    Untuk remaja yang belum menikah:
    - Kamu berhak menolak ajakan berhubungan seks, dari siapa pun, termasuk pacar.
    - Menunda hubungan seks sampai menikah adalah pilihan yang dianjurkan untuk remaja.
    - Kalau ada yang memaksa, itu kekerasan. Ketik KONSELOR atau TOLONG.
