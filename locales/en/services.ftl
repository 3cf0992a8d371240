## Where to get services (flows/services.toml, and the list drawn from flows/data/services.toml)
# Review: machine-assisted draft; must be reviewed by a fluent English speaker before launch.
# $kecamatan_name - the kecamatan as written in the directory
# $name - a service's name; $value - a verified contact detail

services-ask-kecamatan = Which kecamatan (sub-district) do you live in? Type its name (for example Bangil or Pandaan), or type LEWATI.
services-kecamatan-retry = I don't know that name yet. Type the name of a kecamatan in Kabupaten Pasuruan, or type LEWATI.
services-intro = Here are places you can go. Youth services at the Puskesmas are confidential.
services-local-header = In Kecamatan { $kecamatan_name }:
services-regency-header = For Kabupaten Pasuruan:
services-national-header = Help numbers:
services-item = - { $name }
services-kind-puskesmas = { "  " }teen health questions, HIV test, anaemia
services-kind-kua = { "  " }marriage rules and requirements
services-kind-pik-r = { "  " }talk and get counselling from peers
services-kind-court = { "  " }marriage dispensations are decided here
services-kind-hotline = { "  " }national help service
services-kind-office = { "  " }protection of children and women; contact them through SAPA 129
services-kind-police = { "  " }crime or violence happening now
services-phone = { "  " }call { $value }
services-whatsapp = { "  " }WhatsApp { $value }
services-address = { "  " }address: { $value }
services-website = { "  " }website: { $value }
services-hours = { "  " }{ $value }
services-more = Would you like to see another kecamatan?
services-choice-other = Another kecamatan
