## Hello Genre: marriage age (flows/marriage_age.toml). Sources: flows/SOURCES.md, "Marriage age".
# Review: machine-assisted draft; must be reviewed by a native East-Javanese speaker before launch.

marriage-intro =
    Pitakon apik! Iki dasare:
    - Miturut UU 16/2019, umur minimal rabi ndek Indonesia 19 taun, gawe wong wedok lan wong lanang.
    - BKKBN nyaranno umur rabi 21 taun gawe wong wedok lan 25 taun gawe wong lanang, ben awak, mental, lan ekonomi luwih siap.
marriage-topics = Pingin ngerti luwih akeh soal opo?
marriage-choice-why = Lapo kok 21 lan 25?
marriage-choice-dispensation = Dispensasi kawin
marriage-choice-risks = Risiko hamil enom
marriage-choice-parents = Ngobrol karo ortu
marriage-choice-myth = Rabi enom ben gak zina?
marriage-choice-forced = Lek dipeksa rabi
marriage-choice-more = Soal rabi liyane
marriage-why = BKKBN nyaranno rabi paling cepet umur 21 gawe wong wedok lan 25 gawe wong lanang, mergo ndek umur iku awak, mental, lan ekonomi luwih siap. BKKBN yo ngomong hamil pertama sing ideal iku ndek umur 21 sampek 35 taun.
marriage-transitions =
    Program GenRe nyebut limang langkah masa remaja, kira-kira urutane ngene:
    1. Nerusno sekolah
    2. Golek gawean
    3. Berkeluarga ndek wektu sing pas
    4. Aktif ndek masyarakat
    5. Urip sehat
    Nunda rabi ngei wektu gawe kabeh iku.
marriage-dispensation =
    Dispensasi kawin iku dudu formalitas. Iku keputusan pengadilan (Pengadilan Agama gawe sing agamane Islam, Pengadilan Negeri gawe sing liyane).
    Sing ngajokno iku wong tuwo, kudu ono alasan sing mendesak pol lan bukti. Hakim wajib ngrungokno arek sing arep dirabekno, lan iso njaluk pendapat psikolog, dokter utawa bidan, utawa UPTD PPA (PERMA 5/2019).
    Artine, awakmu iso nyampekno pendapatmu nang hakim, termasuk lek awakmu gak gelem.
marriage-risks =
    Miturut WHO, komplikasi kehamilan lan persalinan iku salah siji penyebab utama kematian remaja wedok umur 15-19 taun ndek negoro berpenghasilan rendah lan menengah.
    Ibu sing umure isih remaja luwih berisiko keno eklampsia lan infeksi tinimbang ibu umur 20-24 taun, lan bayine luwih berisiko lahir prematur utawa bobote rendah.
    Lek awakmu utawa koncomu lagi hamil, periksakno nang bidan utawa Puskesmas yo.
marriage-parents =
    Ngobrol soal rabi karo wong tuwo pancen gak gampang. Iki tips-e:
    - Pilih wektu sing tenang lan ngomong sing sopan.
    - Critakno rencanamu: sekolah, kerjo, cita-cita.
    - Sampekno faktane: umur minimal rabi 19 taun (UU 16/2019), lan BKKBN nyaranno 21 gawe wong wedok, 25 gawe wong lanang.
    - Ajak uwong sing dipercoyo wong tuwomu: guru, penyuluh KB, tokoh agama, utawa kakak PIK-R.
marriage-parents-forced = Lek awakmu dipeksa rabi, iku dudu salahmu. Ketik KONSELOR gawe ngobrol karo kakak konselor.
marriage-myth-zina =
    Akeh sing ngomong "rabi enom ben gak zina". Niate apik, tapi ono sing kudu awakmu ngerti:
    - Umur minimal rabi miturut hukum iku 19 taun (UU 16/2019).
    - Hamil pas umur remaja luwih berisiko gawe ibu lan bayine (WHO).
    - Meksa anak rabi iku tindak pidana (UU TPKS Pasal 10).
    Gawe pitakon agama, takono nang KUA utawa ustadz sing awakmu percoyo.
marriage-forced =
    Meksa uwong rabi, termasuk ngrabekno anak, iku tindak pidana miturut UU TPKS Pasal 10: ancamane penjara sampek 9 taun lan/utawa denda sampek Rp200 juta. Wong tuwo yo wajib nyegah perkawinan anak (UU 35/2014).
    Lek awakmu utawa koncomu arep dirabekno, pilih "Lapor arek dirabekno" ndek MENU, utawa hubungi SAPA 129 (telpon 129, WhatsApp 0811-1129-129).
