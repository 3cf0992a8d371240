## Crisis messages (flows/routing/crisis.toml). 112 first, then SAPA 129. Each fits in three
## SMS segments. Numbers: flows/data/services.toml (all verified, see flows/SOURCES.md). No emoji.
# Review: machine-assisted draft; must be reviewed by a native East-Javanese speaker before launch.

crisis-self-harm =
    Aku peduli karo awakmu, lan aku seneng awakmu gelem crito. Awakmu gak dhewekan.
    Lek awakmu lagi ono bahaya saiki, telpon 112 (gratis, 24 jam).
    Awakmu yo iso hubungi SAPA 129: telpon 129 utawa WhatsApp 0811-1129-129.
    Aku wis njaluk kakak konselor mbales ndek kene sak cepete.
crisis-violence =
    Suwun wis gelem crito. Iki dudu salahmu, lan awakmu berhak aman.
    Lek awakmu lagi ono bahaya saiki, telpon 112 (gratis) utawa polisi 110.
    SAPA 129 mbantu arek lan wong wedok sing dadi korban kekerasan: telpon 129 utawa WhatsApp 0811-1129-129.
    Aku wis njaluk kakak konselor mbales ndek kene sak cepete.
crisis-forced-marriage =
    Suwun wis ngandhani. Ngrabekno anak iku nglanggar hukum, lan awakmu duwe hak nolak.
    Lek awakmu lagi ono bahaya saiki, telpon 112 (gratis).
    SAPA 129 iso mbantu: telpon 129 utawa WhatsApp 0811-1129-129.
    Aku wis njaluk kakak konselor mbales ndek kene sak cepete.
crisis-pregnancy =
    Aku kuatir karo keselamatanmu. Tulung ojok nyoba nggugurno kandungan dhewe.
    Lek metu getih, loro banget, utawa awakmu lagi ono bahaya saiki, telpon 112 utawa 119 (ambulans).
    Aku wis njaluk kakak konselor mbales ndek kene sak cepete. Bidan ndek Puskesmas yo iso mbantu awakmu.
crisis-runaway =
    Suwun wis gelem crito. Keselamatanmu sing paling penting.
    Lek awakmu lagi ono bahaya saiki, telpon 112 (gratis) utawa polisi 110.
    SAPA 129 mbantu arek lan wong wedok: telpon 129 utawa WhatsApp 0811-1129-129.
    Aku wis njaluk kakak konselor mbales ndek kene sak cepete. Ojok melu lungo karo uwong sing lagi ae mbok kenal.
crisis-check-in = Kayake lagi abot yo. Lek pingin crito, ketik KONSELOR gawe ngobrol karo kakak konselor. Lek awakmu ngerasa gak aman, ketik TOLONG.
