## Salam Genre: first contact (flows/salam.toml)
# Review: machine-assisted draft; must be reviewed by a native East-Javanese speaker before launch.
# $org_name - the agency that runs the service (server setting GENRE_ORG_NAME)
# $retention_days - after how many days message texts are deleted (GENRE_RETENTION_DAYS)
# The language names stay in their own language in every locale.

salam-hello = Halo rek! Aku Kak Genre, konco chat teko program GenRe { $org_name }. Aku bot (program otomatis). Ndek kene awakmu iso takon soal umur rabi, kesehatan reproduksi, lan layanan sing cedhak. Gak usah isin.
salam-language = Pingin nganggo boso opo?
salam-lang-id = Bahasa Indonesia
salam-lang-jv = Basa Jawa
salam-lang-en = English
salam-language-retry = Pilih salah siji boso ndek ngisor yo.
salam-age = Umurmu piro? Pilih kelompoke ae, awak dhewe gak takon tanggal lahir.
salam-age-under13 = Durung 13 taun
salam-age-13-15 = 13-15 taun
salam-age-16-17 = 16-17 taun
salam-age-18-24 = 18-24 taun
salam-age-retry = Pilih salah siji kelompok umur yo.
salam-too-young = Suwun wis mampir! Layanan chat iki gawe umur 13 taun munggah. Cobaen ngobrol karo wong tuwo, guru, utawa bidan sing awakmu percoyo yo. Lek awakmu lagi ono bahaya, njaluko tulung wong gedhe nelpon 112 (gratis).
salam-notice =
    Sak durunge mulai, iki sing kudu awakmu ngerti:
    - Layanan iki dijalanno { $org_name }.
    - Sing disimpen: pesenmu, kelompok umur, lan kecamatan lek awakmu gelem ngandhani. Awak dhewe gak tau takon jeneng, alamat, sekolah, utawa NIK.
    - Isi pesen dibusak otomatis sakwise { $retention_days } dino.
    - Sing iso moco: kakak konselor sing wis dilatih, mung lek awakmu njaluk tulung utawa pas darurat. Kakak konselor gak iso ndelok nomermu.
salam-notice-rights =
    - Ketik STOP gawe mandeg, lan HAPUS gawe mbusak kabeh datamu, kapan ae.
    - Lek HP-mu dienggo bareng keluarga, awakmu iso mbusak chat iki lek wis mari.
salam-consent = Awakmu setuju?
salam-consent-yes = Setuju
salam-consent-no = Gak setuju
salam-consent-retry = Pilih "Setuju" lek pingin lanjut, utawa "Gak setuju".
salam-declined = Gak popo. Lek berubah pikiran, kirim pesen kapan ae. Ketik HAPUS gawe mbusak pesen sing wis dikirim. Lek awakmu lagi ono bahaya, ketik TOLONG utawa telpon 112.
salam-thanks = Suwun! Saiki awakmu iso takon opo ae.
salam-back-to-question = Soal pitakonmu mau:
salam-kecamatan = Siji maneh, oleh dilewati: awakmu manggon ndek kecamatan endi? Ben aku iso ngei info layanan sing cedhak. Tulis jeneng kecamatane, utawa ketik LEWATI.
salam-kecamatan-retry = Aku durung kenal jeneng iku. Tulis jeneng kecamatan ndek Kabupaten Pasuruan (contone Bangil, Pandaan, Gempol), utawa ketik LEWATI.
salam-pledge-offer = Pingin kenalan karo ikrar GenRe? Mung sedhela kok.
salam-pledge-yes = Gelem
salam-pledge-later = Engko ae
