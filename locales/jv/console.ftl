## Texts sent to Javanese-speaking teens from the console and the SLA timer (the console itself is
## in Indonesian or English).
# Review: machine-assisted draft; must be reviewed by a native East-Javanese speaker before launch.
# $office_hours - when counsellors answer

console-canned-greeting = Halo, aku kakak konselor teko program GenRe. Suwun wis ngenteni. Aku nang kene gawe ngrungokno.
console-canned-listening = Suwun wis cerito. Opo sing mbok rasakno iku wajar. Oleh cerito maneh?
console-canned-puskesmas = Awakmu iso teko nang Puskesmas sing paling cedhak gawe layanan kesehatan remaja. Layanane rahasia.
console-canned-sapa = Lek awakmu utowo koncomu ngalami kekerasan, SAPA 129 iso mbantu: telpon 129 utowo WhatsApp 0811-1129-129. Lek saiki nang bahaya, telpon 112.
console-canned-closing = Suwun wis cerito. Lek butuh maneh, ketik KONSELOR kapan ae. Lek nang bahaya, ketik TOLONG.
