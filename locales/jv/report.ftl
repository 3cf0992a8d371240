## Reporting a planned child marriage (flows/report.toml)
# Review: machine-assisted draft; must be reviewed by a native East-Javanese speaker before launch.

report-intro = Suwun wis peduli. Aku arep takon sithik-sithik. Awakmu gak perlu nyebut jenenge sopo-sopo.
report-whose = Sopo sing arep dirabekno?
report-whose-me = Aku dhewe
report-whose-other = Konco utawa dulur
report-when = Kira-kira kapan rabine?
report-when-week = Minggu iki
report-when-month = Wulan iki
report-when-later = Luwih suwe maneh
report-when-unknown = Durung ngerti
report-kecamatan = Ndek kecamatan endi? Tulis jenenge, utawa ketik LEWATI.
report-contact = Oleh kakak petugas ngubungi awakmu lewat chat iki?
report-contact-yes = Oleh
report-contact-no = Ojok
report-what-next = Laporanmu tak teruske nang kakak petugas. Kakak petugas bakal moco laporanmu lan mutusno langkah sing iso dijupuk, contone pendampingan gawe keluargane bareng penyuluh KB utawa UPTD PPA. Identitas sing nglapor dijogo.
report-urgent = Mergo rabine wis cedhak, laporanmu ditandai mendesak. Lek ono bahaya saiki, telpon 112. SAPA 129 yo iso mbantu: telpon 129 utawa WhatsApp 0811-1129-129.
report-normal = Kakak petugas bakal mbales ndek kene pas jam kerja ({ $office_hours }). Lek kahanane dadi mendesak, ketik TOLONG.
