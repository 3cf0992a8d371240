## Hello Genre: contraception (flows/contraception.toml), framed as national policy frames it.
## Sources: flows/SOURCES.md, "Contraception". Never dosing.
# Review: machine-assisted draft; must be reviewed by a native East-Javanese speaker before launch.

kb-intro = Informasi soal KB iku penting, gawe saiki utawa engko. Ndek Indonesia, layanan KB diwenehno gawe pasangan sing wis rabi. Lek awakmu durung rabi, aku iso ngei info dasar lan carane njogo awak.
kb-topics = Pingin ngerti soal opo?
kb-choice-methods = Jenis-jenis KB
kb-choice-where = Takon KB nang endi?
kb-choice-condom = Kondom lan IMS
kb-choice-teens = Gawe remaja
kb-choice-more = Soal KB liyane
kb-methods =
    Jenis KB sing ono ndek Indonesia:
    - Jangka dowo (MKJP): IUD/spiral (AKDR), implan, sterilisasi wong wedok (MOW), lan vasektomi (MOP).
    - Liyane: suntik (1 wulan utawa 3 wulan), pil, lan kondom.
    Carane nganggo lan cocok gak'e dibahas langsung karo bidan utawa petugas KB.
kb-where = Konsultasi KB iso nang bidan, Puskesmas, utawa petugas KB (PKB/PLKB) ndek kecamatanmu. Wong-wong iku mbantu milih cara sing cocok gawe pasangan sing wis rabi.
kb-condom = Kondom iso ngurangi risiko ketularan HIV lan IMS liyane. Lek ono tanda IMS, koyok luka, bintil, utawa cairan sing gak biasa ndek kelamin, periksakno nang Puskesmas. Rahasiamu dijogo.
kb-teens =
    Gawe remaja sing durung rabi:
    - Awakmu duwe hak nolak ajakan hubungan seks, teko sopo ae, termasuk pacarmu.
    - Nunda hubungan seks sampek rabi iku pilihan sing dianjurno gawe remaja.
    - Lek ono sing meksa, iku kekerasan. Ketik KONSELOR utawa TOLONG.
