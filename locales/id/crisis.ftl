## Crisis messages (flows/routing/crisis.toml). 112 first, then SAPA 129. Each fits in three
## SMS segments. Numbers: flows/data/services.toml (all verified, see flows/SOURCES.md).

crisis-self-harm =
    Aku peduli denganmu, dan aku senang kamu cerita. Kamu tidak sendirian.
    Kalau kamu dalam bahaya sekarang, telepon 112 (gratis, 24 jam).
    Kamu juga bisa menghubungi SAPA 129: telepon 129 atau WhatsApp 0811-1129-129.
    Aku sudah meminta kakak konselor membalas di sini secepatnya.
crisis-violence =
    Terima kasih sudah cerita. Ini bukan salahmu, dan kamu berhak aman.
    Kalau kamu dalam bahaya sekarang, telepon 112 (gratis) atau polisi 110.
    SAPA 129 membantu anak dan perempuan korban kekerasan: telepon 129 atau WhatsApp 0811-1129-129.
    Aku sudah meminta kakak konselor membalas di sini secepatnya.
crisis-forced-marriage =
    Terima kasih sudah memberi tahu. Menikahkan anak itu melanggar hukum, dan kamu berhak menolak.
    Kalau kamu dalam bahaya sekarang, telepon 112 (gratis).
    SAPA 129 bisa membantu: telepon 129 atau WhatsApp 0811-1129-129.
    Aku sudah meminta kakak konselor membalas di sini secepatnya.
crisis-pregnancy =
    Aku khawatir dengan keselamatanmu. Tolong jangan mencoba menggugurkan kandungan sendiri.
    Kalau ada perdarahan, sakit hebat, atau kamu dalam bahaya sekarang, telepon 112 atau 119 (ambulans).
    Aku sudah meminta kakak konselor membalas di sini secepatnya. Bidan di Puskesmas juga bisa membantumu.
crisis-runaway =
    Terima kasih sudah cerita. Keselamatanmu yang paling penting.
    Kalau kamu dalam bahaya sekarang, telepon 112 (gratis) atau polisi 110.
    SAPA 129 membantu anak dan perempuan: telepon 129 atau WhatsApp 0811-1129-129.
    Aku sudah meminta kakak konselor membalas di sini secepatnya. Jangan ikut pergi dengan orang yang baru kamu kenal.
crisis-check-in = Kedengarannya lagi berat ya. Kalau mau cerita, ketik KONSELOR untuk bicara dengan kakak konselor. Kalau kamu merasa tidak aman, ketik TOLONG.
