## Hello Genre: reproductive health (flows/repro_health.toml). Sources: flows/SOURCES.md.
## Medical wording to be reviewed by a Puskesmas PKPR clinician before launch.

health-intro = Pertanyaanmu wajar banget. Tubuh berubah saat remaja, dan wajar kalau ada yang bikin bingung.
health-topics = Mau tahu soal apa?
health-choice-puberty = Pubertas
health-choice-wet-dreams = Mimpi basah
health-choice-hygiene = Menjaga kebersihan
health-choice-anaemia = Anemia dan TTD
health-choice-pregnant = Khawatir hamil
health-choice-talk = Bicara ke konselor
health-choice-more = Kesehatan lainnya
health-puberty =
    Pubertas adalah masa tubuh berubah dari anak-anak ke dewasa: tumbuh lebih tinggi, tumbuh rambut di badan, jerawat, suara berubah pada laki-laki, payudara tumbuh dan mulai haid pada perempuan.
    Waktunya berbeda-beda untuk tiap orang. Kalau kamu khawatir ada yang tidak biasa, tanyakan ke bidan atau Puskesmas. Mereka menjaga rahasiamu.
health-wet-dreams = Mimpi basah adalah keluarnya sperma saat tidur. Ini terjadi karena hormon yang meningkat saat pubertas. Mimpi basah itu normal, bukan penyakit, dan tidak merusak kesehatan atau kesuburan. Setelahnya, cukup mandi dan ganti pakaian.
health-hygiene =
    Cara menjaga kebersihan area kelamin:
    - Mandi dan ganti pakaian dalam setiap hari.
    - Saat haid, ganti pembalut secara teratur.
    - Setelah mimpi basah, mandi dan ganti pakaian.
    Kalau ada gatal, luka, bintil, atau cairan yang tidak biasa, periksakan ke Puskesmas ya.
health-anaemia = Anemia (kurang darah) bisa bikin lesu, letih, lemah, pusing, dan pucat di kelopak mata, bibir, atau telapak tangan. Anemia banyak dialami remaja: menurut Riskesdas 2018, sekitar 1 dari 3 orang umur 15-24 tahun.
health-ttd = Remaja putri umur 12-18 tahun mendapat Tablet Tambah Darah (TTD) dari sekolah: 1 tablet tiap minggu, sepanjang tahun. Minum sesudah makan dengan air putih. Mual atau BAB berwarna gelap sering terjadi. Kalau ada keluhan, tanyakan ke petugas UKS atau Puskesmas.
health-pregnant = Kalau kamu khawatir hamil atau sedang hamil, kamu tidak sendirian. Bidan di Puskesmas bisa memeriksa dan menjaga rahasiamu. Mau bicara dengan kakak konselor dulu?
health-handover = Oke, aku sambungkan ke kakak konselor. Tulis ceritamu di sini ya, kakak konselor akan membalas. Kalau ada perdarahan atau sakit hebat, telepon 112 atau 119 (ambulans) sekarang.
