## Hello Genre: menstruation (flows/menstruation.toml). Sources: flows/SOURCES.md, "Menstruation".
# Review: machine-assisted draft; must be reviewed by a native East-Javanese speaker before launch.

period-intro = Haid iku normal lan sehat, gak usah isin ngomongno.
period-topics = Pingin ngerti soal opo?
period-choice-normal = Haid sing normal
period-choice-doctor = Kapan kudu periksa?
period-choice-pads = Ganti pembalut
period-choice-myths = Mitos soal haid
period-choice-more = Soal haid liyane
period-normal =
    Sing normal:
    - Jarak teko haid siji nang haid sak teruse 21-35 dino (rata-rata 28).
    - Haid biasane 3-7 dino.
    - Rong taun pertama teko haid pertama, jadwale sering durung teratur. Iku biasa.
period-doctor =
    Periksakno nang bidan utawa Puskesmas lek:
    - gak haid luwih teko 3 wulan (padahal biyen wis teratur),
    - haid luwih teko 7 dino, utawa kudu ganti pembalut saben jam,
    - lorone parah sampek gak iso sekolah,
    - umur 15-16 taun durung tau haid.
period-pads = Ganti pembalut kanthi rutin, biasane 3-6 kali sedino, gumantung akehe getih. Wisuh tangan sak durunge lan sakwise ganti, lan bungkusen pembalut bekas sak durunge dibuwak.
period-myths = Mitos sing sering dirungokno: "gak oleh keramas utawa adus pas haid". Faktane, adus lan keramas pas haid iku oleh lan apik gawe kebersihan. Haid yo dudu berarti awakmu reged.
