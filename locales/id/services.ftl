## Where to get services (flows/services.toml, and the list drawn from flows/data/services.toml)
# $kecamatan_name - the kecamatan as written in the directory
# $name - a service's name; $value - a verified contact detail

services-ask-kecamatan = Kamu tinggal di kecamatan mana? Tulis namanya (misalnya Bangil atau Pandaan), atau ketik LEWATI.
services-kecamatan-retry = Aku belum kenal nama itu. Tulis nama kecamatan di Kabupaten Pasuruan, atau ketik LEWATI.
services-intro = Ini tempat yang bisa kamu datangi. Layanan remaja di Puskesmas bersifat rahasia.
services-local-header = Di Kecamatan { $kecamatan_name }:
services-regency-header = Untuk Kabupaten Pasuruan:
services-national-header = Nomor bantuan:
services-item = - { $name }
services-kind-puskesmas = { "  " }tanya kesehatan remaja, tes HIV, anemia
services-kind-kua = { "  " }aturan dan syarat menikah
services-kind-pik-r = { "  " }cerita dan konseling dengan teman sebaya
services-kind-court = { "  " }dispensasi kawin diputuskan di sini
services-kind-hotline = { "  " }layanan bantuan nasional
services-kind-office = { "  " }perlindungan anak dan perempuan; hubungi lewat SAPA 129
services-kind-police = { "  " }kejahatan atau kekerasan yang sedang terjadi
services-phone = { "  " }telepon { $value }
services-whatsapp = { "  " }WhatsApp { $value }
services-address = { "  " }alamat: { $value }
services-website = { "  " }situs: { $value }
services-hours = { "  " }{ $value }
services-more = Mau lihat kecamatan lain?
services-choice-other = Kecamatan lain
