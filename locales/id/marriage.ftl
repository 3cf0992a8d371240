## Hello Genre: marriage age (flows/marriage_age.toml). Sources: flows/SOURCES.md, "Marriage age".

marriage-intro =
    Pertanyaan bagus! Ini dasarnya:
    - Menurut UU 16/2019, umur minimal menikah di Indonesia 19 tahun, untuk perempuan dan laki-laki.
    - BKKBN menyarankan usia menikah 21 tahun untuk perempuan dan 25 tahun untuk laki-laki, supaya fisik, mental, dan ekonomi lebih siap.
marriage-topics = Mau tahu lebih jauh soal apa?
marriage-choice-why = Kenapa 21 dan 25?
marriage-choice-dispensation = Dispensasi kawin
marriage-choice-risks = Risiko hamil usia muda
marriage-choice-parents = Ngobrol dengan ortu
marriage-choice-myth = Nikah muda cegah zina?
marriage-choice-forced = Kalau dipaksa menikah
marriage-choice-more = Soal nikah lainnya
marriage-why = BKKBN menyarankan menikah paling cepat umur 21 untuk perempuan dan 25 untuk laki-laki, karena di usia itu fisik, mental, dan ekonomi lebih siap. BKKBN juga menyebut kehamilan pertama idealnya di umur 21 sampai 35 tahun.
marriage-transitions =
    Program GenRe menyebut lima langkah masa remaja, kira-kira urutannya:
    1. Melanjutkan sekolah
    2. Mencari pekerjaan
    3. Berkeluarga di waktu yang tepat
    4. Aktif di masyarakat
    5. Hidup sehat
    Menunda menikah memberi waktu untuk semuanya.
marriage-dispensation =
    Dispensasi kawin itu bukan formalitas. Itu keputusan pengadilan (Pengadilan Agama untuk yang beragama Islam, Pengadilan Negeri untuk yang lain).
    Yang mengajukan adalah orang tua, dengan alasan sangat mendesak dan bukti. Hakim wajib mendengar anak yang mau dinikahkan, dan bisa meminta pendapat psikolog, dokter atau bidan, atau UPTD PPA (PERMA 5/2019).
    Artinya, kamu bisa menyampaikan pendapatmu ke hakim, termasuk kalau kamu tidak mau.
marriage-risks =
    Menurut WHO, komplikasi kehamilan dan persalinan termasuk penyebab utama kematian remaja perempuan 15-19 tahun di negara berpenghasilan rendah dan menengah.
    Ibu berusia remaja lebih berisiko kena eklampsia dan infeksi dibanding ibu berumur 20-24 tahun, dan bayinya lebih berisiko lahir prematur atau dengan berat badan rendah.
    Kalau kamu atau temanmu sedang hamil, periksakan ke bidan atau Puskesmas ya.
marriage-parents =
    Ngobrol soal menikah dengan orang tua memang tidak mudah. Beberapa tips:
    - Pilih waktu yang tenang dan bicara dengan sopan.
    - Ceritakan rencanamu: sekolah, kerja, cita-cita.
    - Sampaikan faktanya: umur minimal menikah 19 tahun (UU 16/2019), dan BKKBN menyarankan 21 untuk perempuan, 25 untuk laki-laki.
    - Ajak orang yang mereka percaya: guru, penyuluh KB, tokoh agama, atau kakak PIK-R.
marriage-parents-forced = Kalau kamu dipaksa menikah, itu bukan salahmu. Ketik KONSELOR untuk bicara dengan kakak konselor.
marriage-myth-zina =
    Banyak yang bilang "nikah muda biar tidak zina". Niatnya baik, tapi ada yang perlu kamu tahu:
    - Umur minimal menikah menurut hukum 19 tahun (UU 16/2019).
    - Hamil di usia remaja lebih berisiko untuk ibu dan bayi (WHO).
    - Memaksa anak menikah adalah tindak pidana (UU TPKS Pasal 10).
    Untuk pertanyaan agama, tanyakan ke KUA atau ustadz yang kamu percaya.
marriage-forced =
    Memaksa orang menikah, termasuk menikahkan anak, adalah tindak pidana menurut UU TPKS Pasal 10: ancamannya penjara sampai 9 tahun dan/atau denda sampai Rp200 juta. Orang tua juga wajib mencegah perkawinan anak (UU 35/2014).
    Kalau kamu atau temanmu mau dinikahkan, pilih "Lapor pernikahan anak" di MENU, atau hubungi SAPA 129 (telepon 129, WhatsApp 0811-1129-129).
