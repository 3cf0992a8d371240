## Hello Genre: reproductive health (flows/repro_health.toml). Sources: flows/SOURCES.md.
## Medical wording to be reviewed by a Puskesmas PKPR clinician before launch.
# Review: machine-assisted draft; must be reviewed by a native East-Javanese speaker before launch.

health-intro = Pitakonmu wajar pol. Awak iku berubah akeh pas remaja, lan wajar lek ono sing nggawe bingung.
health-topics = Pingin ngerti soal opo?
health-choice-puberty = Pubertas
health-choice-wet-dreams = Mimpi basah
health-choice-hygiene = Njogo kebersihan
health-choice-anaemia = Anemia lan TTD
health-choice-pregnant = Kuatir hamil
health-choice-talk = Crito nang konselor
health-choice-more = Kesehatan liyane
health-puberty =
    Pubertas iku wektu awak berubah teko arek cilik dadi wong gedhe: tambah dhuwur, tuwuh wulu ndek awak, jerawatan, suarane arek lanang berubah, payudarane arek wedok tuwuh lan mulai haid.
    Wektune bedo-bedo gawe saben uwong. Lek awakmu kuatir ono sing gak biasa, takono nang bidan utawa Puskesmas. Wong-wong iku njogo rahasiamu.
health-wet-dreams = Mimpi basah iku metune sperma pas turu. Iki kedadean mergo hormon sing mundhak pas pubertas. Mimpi basah iku normal, dudu penyakit, lan gak ngerusak kesehatan utawa kesuburan. Marine, cukup adus lan ganti klambi.
health-hygiene =
    Carane njogo kebersihan bagian kelamin:
    - Adus lan ganti kathok jero saben dino.
    - Pas haid, ganti pembalut kanthi rutin.
    - Marine mimpi basah, adus lan ganti klambi.
    Lek ono gatel, luka, bintil, utawa cairan sing gak biasa, periksakno nang Puskesmas yo.
health-anaemia = Anemia (kurang darah) iso nggawe lemes, kesel, ngelu, lan pucet ndek kelopak mata, lambe, utawa telapak tangan. Akeh remaja sing ngalami: miturut Riskesdas 2018, kira-kira 1 teko 3 uwong umur 15-24 taun.
health-ttd = Arek wedok umur 12-18 taun entuk Tablet Tambah Darah (TTD) teko sekolah: 1 tablet saben minggu, sepanjang taun. Diombe marine mangan, karo banyu putih. Mual utawa BAB warnane peteng iku sering kedadean. Lek ono keluhan, takono nang petugas UKS utawa Puskesmas.
health-pregnant = Lek awakmu kuatir hamil utawa lagi hamil, awakmu gak dhewekan. Bidan ndek Puskesmas iso mriksa lan njogo rahasiamu. Pingin crito karo kakak konselor disik?
health-handover = Oke, tak sambungno nang kakak konselor. Tulisen critamu ndek kene yo, kakak konselor bakal mbales. Lek metu getih utawa loro banget, telpon 112 utawa 119 (ambulans) saiki.
