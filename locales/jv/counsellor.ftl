## A counsellor, please (flows/counsellor.toml)
# Review: machine-assisted draft; must be reviewed by a native East-Javanese speaker before launch.
# Register: ngoko Jawa Timuran (Suroboyoan flavour), as teens in Pasuruan write it.
# $office_hours - when counsellors answer (GENRE_OFFICE_HOURS_TEXT)

counsellor-open = Oke, tak sambungno nang kakak konselor yo. Kakak konselor iku uwong temenan, dudu bot, lan wis dilatih. Tulisen critamu ndek kene, kakak konselor bakal mbales sak cepete. Sak suwene iku aku meneng disik. Lek awakmu lagi ono bahaya, telpon 112.
counsellor-closed = Saiki wis ndek njobo jam kerjane kakak konselor ({ $office_hours }). Tulisen critamu ndek kene: pesenmu kesimpen, lan kakak konselor bakal mbales pas jam kerja sak teruse. Lek awakmu lagi ono bahaya saiki, telpon 112 (gratis, 24 jam). Lek soal kekerasan: SAPA 129, telpon 129 utawa WhatsApp 0811-1129-129.
