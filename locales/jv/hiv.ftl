## Hello Genre: HIV and STI (flows/hiv_sti.toml). Sources: flows/SOURCES.md, "HIV and STI".
# Review: machine-assisted draft; must be reviewed by a native East-Javanese speaker before launch.

hiv-intro = Apik awakmu gelem ngerti soal HIV lan IMS (infeksi menular seksual). Informasi sing bener iku nglindungi awakmu lan koncomu.
hiv-topics = Pingin ngerti soal opo?
hiv-choice-spread = Carane HIV nular
hiv-choice-test = Tes HIV
hiv-choice-signs = Tanda IMS
hiv-choice-friend = Koncoku ODHA
hiv-choice-more = Soal HIV liyane
hiv-spread = HIV nular lewat hubungan seks tanpa kondom, gantian jarum suntik, getih, lan teko ibu nang bayine. HIV iku bedo karo AIDS: AIDS iku tahap lanjut teko HIV sing gak diobati.
hiv-not-spread = HIV GAK nular lewat ngombe teko gelas sing podo, mangan bareng, rangkulan, salaman, kolam renang, utawa dicokot lemut.
hiv-test = Ndek Puskesmas sing duwe layanan konseling lan tes HIV, tese gratis lan rahasia. Asil tes cepet metu kira-kira 15-30 menit; asil "reaktif" kudu dites maneh. Pengobatan ARV yo gratis, lan uwong sing rutin ngombe ARV iso urip sehat.
hiv-signs = Tanda sing kudu diperiksakno: luka, kutil, utawa bintil ndek kelamin, cairan sing gak biasa, loro pas nguyuh, utawa gatel. Ojok nebak dhewe: periksakno nang Puskesmas, rahasiamu dijogo.
hiv-friend = Awakmu tetep iso kekancan, dolanan, lan mangan bareng konco sing urip karo HIV (ODHA). HIV gak nular lewat kegiatan saben dino. Dukunganmu penting pol gawe de'e.
