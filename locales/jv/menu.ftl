## The main menu (flows/menu.toml) and texts shared by the topic flows
# Review: machine-assisted draft; must be reviewed by a native East-Javanese speaker before launch.

menu-main = Pingin mbahas opo? Pilih topik, utawa langsung tulis pitakonmu.
menu-button = Pilih topik
menu-marriage = Umur rabi
menu-health = Kesehatan reproduksi
menu-period = Haid
menu-hiv = HIV lan IMS
menu-kb = KB lan kontrasepsi
menu-services = Layanan sing cedhak
menu-report = Lapor arek dirabekno
menu-counsellor = Crito nang konselor
menu-quiz = Kuis GenRe
menu-more = Liyane
menu-retry = Pilih nomer topike yo, utawa tulis pitakonmu.
menu-more-text = Liyane:
menu-invite = Ajak konco
menu-events = Info acara GenRe
menu-pledge = Ikrar GenRe
menu-privacy = Bantuan lan privasi
menu-done = Wis cukup
menu-bye = Oke! Lek ono pitakon maneh, kirim pesen kapan ae. Ketik TOLONG lek butuh nomer bantuan.

common-main-menu = Menu utama
common-done = Wis cukup
common-anything-else = Ono maneh sing pingin awakmu ngerti?
common-retry = Pilih salah siji nomer ndek ngisor yo.
common-bye = Suwun wis ngobrol! Lek ono pitakon maneh, kirim pesen kapan ae.
