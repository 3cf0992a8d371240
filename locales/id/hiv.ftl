## Hello Genre: HIV and STI (flows/hiv_sti.toml). Sources: flows/SOURCES.md, "HIV and STI".

hiv-intro = Bagus kamu mau tahu soal HIV dan IMS (infeksi menular seksual). Informasi yang benar melindungi kamu dan temanmu.
hiv-topics = Mau tahu soal apa?
hiv-choice-spread = Cara HIV menular
hiv-choice-test = Tes HIV
hiv-choice-signs = Tanda IMS
hiv-choice-friend = Temanku ODHA
hiv-choice-more = Soal HIV lainnya
hiv-spread = HIV menular lewat hubungan seks tanpa kondom, berbagi jarum suntik, darah, dan dari ibu ke bayi. HIV berbeda dengan AIDS: AIDS adalah tahap lanjut dari HIV yang tidak diobati.
hiv-not-spread = HIV TIDAK menular lewat minum dari gelas yang sama, makan bersama, pelukan, salaman, kolam renang, atau gigitan nyamuk.
hiv-test = Di Puskesmas yang punya layanan konseling dan tes HIV, tesnya gratis dan rahasia. Hasil tes cepat keluar dalam sekitar 15-30 menit; hasil "reaktif" perlu tes lanjutan. Pengobatan ARV juga gratis, dan orang yang rutin minum ARV bisa hidup sehat.
hiv-signs = Tanda yang perlu diperiksakan: luka, kutil, atau bintil di kelamin, cairan yang tidak biasa, sakit saat buang air kecil, atau gatal. Jangan menebak sendiri: periksakan ke Puskesmas, rahasiamu dijaga.
hiv-friend = Kamu tetap bisa berteman, main, dan makan bersama teman yang hidup dengan HIV (ODHA). HIV tidak menular lewat kegiatan sehari-hari. Dukunganmu sangat berarti buat dia.
