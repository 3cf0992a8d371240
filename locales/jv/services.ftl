## Where to get services (flows/services.toml, and the list drawn from flows/data/services.toml)
# Review: machine-assisted draft; must be reviewed by a native East-Javanese speaker before launch.
# $kecamatan_name - the kecamatan as written in the directory
# $name - a service's name; $value - a verified contact detail

services-ask-kecamatan = Awakmu manggon ndek kecamatan endi? Tulis jenenge (contone Bangil utawa Pandaan), utawa ketik LEWATI.
services-kecamatan-retry = Aku durung kenal jeneng iku. Tulis jeneng kecamatan ndek Kabupaten Pasuruan, utawa ketik LEWATI.
services-intro = Iki panggonan sing iso awakmu parani. Layanan remaja ndek Puskesmas iku rahasia.
services-local-header = Ndek Kecamatan { $kecamatan_name }:
services-regency-header = Gawe Kabupaten Pasuruan:
services-national-header = Nomer bantuan:
services-item = - { $name }
services-kind-puskesmas = { "  " }takon kesehatan remaja, tes HIV, anemia
services-kind-kua = { "  " }aturan lan syarat rabi
services-kind-pik-r = { "  " }crito lan konseling karo konco sebaya
services-kind-court = { "  " }dispensasi kawin diputusno ndek kene
services-kind-hotline = { "  " }layanan bantuan nasional
services-kind-office = { "  " }perlindungan arek lan wong wedok; hubungi lewat SAPA 129
services-kind-police = { "  " }kejahatan utawa kekerasan sing lagi kedadean
services-phone = { "  " }telpon { $value }
services-whatsapp = { "  " }WhatsApp { $value }
services-address = { "  " }alamat: { $value }
services-website = { "  " }situs: { $value }
services-hours = { "  " }{ $value }
services-more = Pingin ndelok kecamatan liyane?
services-choice-other = Kecamatan liyane
