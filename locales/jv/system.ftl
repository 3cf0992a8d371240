## Texts the engine itself uses: commands, crisis correction, retries, lists.
## Short, kind, never scolding. Numbers: flows/data/services.toml (verified).
# Review: machine-assisted draft; must be reviewed by a native East-Javanese speaker before launch.

system-stop-done = Oke, awakmu wis mandeg. Awak dhewe gak bakal ngirim pesen maneh. Lek sewayah-wayah butuh, ketik MULAI. Lek ono bahaya, telpon 112.
system-start-done = Seneng awakmu bali maneh! Ketik MENU gawe ndelok pilihane.
system-erase-done = Kabeh datamu wis dibusak: pesen, jawaban, lan nomermu. Lek butuh maneh, kirim pesen kapan ae.
system-safe-word =
    Nomer penting:
    Bahaya saiki: 112 (gratis)
    SAPA 129: telpon 129 utawa WhatsApp 0811-1129-129
system-safe-word-counsellor = Crito nang konselor
system-not-meant = Dudu iku maksudku
system-crisis-corrected = Sepurane, aku salah paham. Suwun wis ngomong. Ayo lanjut. Lek butuh nomer bantuan, ketik TOLONG kapan ae.
system-media = Suwun! Aku mung iso moco pesen teks. Tulis pesenmu yo, utawa ketik MENU.
system-unsupported = Sepurane, pesen jinis iki durung iso tak woco. Tulis pesenmu yo, utawa ketik MENU.
system-flow-changed = Sepurane, menune lagi ae dianyari. Ayo mulai teko menu maneh.
system-clarify = Maksudmu sing endi?
system-clarify-other = Liyane
system-retry-menu = Pilih salah siji nomer ndek ngisor yo.
system-retry-ask = Sepurane, aku durung mudeng jawabanmu. Cobak maneh yo.
system-list-button = Pilih

## Sent when a case has waited longer than the SLA (GENRE_SLA_MINUTES) for a counsellor.
system-sla-wait = Sepurane, kakak konselor durung sempat mbales. Awake dhewe tetep usaha sak cepete. Lek awakmu nang bahaya saiki, telpon 112 (gratis). SAPA 129: telpon 129 utowo WhatsApp 0811-1129-129.
system-sla-wait-closed = Sepurane, saiki nang njobo jam kerja kakak konselor ({ $office_hours }), dadi balesane iso luwih suwe. Lek awakmu nang bahaya saiki, telpon 112 (gratis, 24 jam). SAPA 129: telpon 129 utowo WhatsApp 0811-1129-129.

## Added under every event announcement (broadcast) a supervisor sends.
system-broadcast-footer = Gak pingin info acara maneh? Ketik INFO ACARA terus pilih "Mandeg info acara".
