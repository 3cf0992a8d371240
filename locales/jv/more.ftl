## Smaller flows: off-topic, help, opt-out, quiz, invites, events, pledge
# Review: machine-assisted draft; must be reviewed by a native East-Javanese speaker before launch.

offtopic-text = Hmm, soal iku aku durung iso mbantu. Aku paling ngerti soal umur rabi, kesehatan reproduksi, haid, HIV, KB, lan layanan sing cedhak.

help-text =
    Aku Kak Genre, bot teko program GenRe { $org_name }. Tembung sing mesti iso awakmu ketik:
    MENU - pilihan topik
    KONSELOR - ngobrol karo kakak konselor (uwong temenan)
    TOLONG - nomer bantuan darurat
    STOP - mandeg nampa pesen
    HAPUS - mbusak kabeh datamu
help-privacy = Awak dhewe gak takon jeneng, alamat, utawa sekolah. Isi pesen dibusak otomatis sakwise { $retention_days } dino. Kakak konselor gak iso ndelok nomermu.

optout-confirm = Awakmu pingin sing endi?
optout-choice-stop = Mandeg nampa pesen
optout-choice-erase = Busak kabeh dataku
optout-choice-cancel = Gak sido

quiz-intro = Kuis GenRe! Papat pitakon cendhak. Pilih jawabanmu.
quiz-retry = Pilih salah siji jawaban yo.
quiz-right = Bener!
quiz-wrong = Durung pas.
quiz-q1 = 1. Piro umur minimal rabi miturut UU ndek Indonesia?
quiz-q1-a = 16 taun
quiz-q1-b = 18 taun
quiz-q1-c = 19 taun
quiz-q1-why = Miturut UU 16/2019, umur minimal rabi 19 taun gawe wong wedok lan wong lanang.
quiz-q2 = 2. HIV iso nular lewat ngombe teko gelas sing podo?
quiz-q2-a = Iso
quiz-q2-b = Gak iso
quiz-q2-why = HIV gak nular lewat gelas, mangan bareng, rangkulan, utawa dicokot lemut.
quiz-q3 = 3. Oleh keramas pas haid?
quiz-q3-a = Oleh
quiz-q3-b = Gak oleh
quiz-q3-why = Adus lan keramas pas haid iku oleh lan apik gawe kebersihan.
quiz-q4 = 4. Miturut BKKBN, umur ideal rabi gawe wong wedok piro?
quiz-q4-a = 19 taun
quiz-q4-b = 21 taun
quiz-q4-c = 25 taun
quiz-q4-why = BKKBN nyaranno 21 taun gawe wong wedok lan 25 taun gawe wong lanang.
quiz-done = Mari! Ajak koncomu melu kuis iki pisan: ketik AJAK TEMAN gawe entuk link undanganmu.

invite-link = Ajak koncomu ngobrol karo Kak Genre! Bagikno link iki: { $invite_link }
invite-count =
    { $invite_count ->
        [0] Durung ono konco sing melu lewat linkmu. Awak dhewe gak ngandhani sopo-sopo jeneng utawa nomermu.
       *[other] Wis ono { $invite_count } konco sing melu lewat linkmu. Suwun! Awak dhewe gak ngandhani sopo-sopo jeneng utawa nomermu.
    }
invite-welcome-invited = Selamat teko! Awakmu diajak koncomu ngobrol karo Kak Genre. Koncomu gak bakal ngerti opo sing awakmu takokno.

events-offer = Pingin entuk info acara GenRe ndek kecamatanmu? Awakmu iso mandeg kapan ae.
events-yes = Gelem
events-no = Gak usah
events-kecamatan = Acara ndek kecamatan endi sing pingin awakmu melu? Tulis jenenge, utawa ketik LEWATI.
events-on = Oke, awakmu bakal entuk info acara GenRe. Lek pingin mandeg, ketik INFO ACARA terus pilih "Mandeg info acara".
events-subscribed = Awakmu wis kedaftar gawe info acara GenRe. Pingin mandeg?
events-stop = Mandeg info acara
events-keep = Tetep entuk info
events-off = Oke, awakmu gak bakal entuk info acara maneh.

pledge-text = Ikrar GenRe: "Katakan tidak pada pernikahan dini, seks pranikah, dan NAPZA." Artine: emoh rabi enom, emoh seks sak durunge rabi, lan emoh NAPZA. Remaja GenRe yo ngrencanakno rabi ndek umur ideal: 21 taun gawe wong wedok lan 25 taun gawe wong lanang.
pledge-ask = Awakmu pingin melu ikrar iki?
pledge-yes = Aku melu!
pledge-later = Engko ae
pledge-done = Mantep! Awakmu saiki dadi bagian teko Generasi Berencana. Critakno nang koncomu pisan yo.
