## Salam Genre: first contact (flows/salam.toml)
# Review: machine-assisted draft; must be reviewed by a fluent English speaker before launch.
# $org_name - the agency that runs the service (server setting GENRE_ORG_NAME)
# $retention_days - after how many days message texts are deleted (GENRE_RETENTION_DAYS)
# The language names stay in their own language in every locale.

salam-hello = Hi! I'm Kak Genre, a chat buddy from the GenRe programme of { $org_name }. I'm a bot (an automatic program). Here you can ask about marriage age, reproductive health and services near you. No need to be shy.
salam-language = Which language would you like to use?
salam-lang-id = Bahasa Indonesia
salam-lang-jv = Basa Jawa
salam-lang-en = English
salam-language-retry = Please choose one of the languages below.
salam-age = How old are you? Just choose your age group, we don't ask for your date of birth.
salam-age-under13 = Under 13
salam-age-13-15 = 13-15 years
salam-age-16-17 = 16-17 years
salam-age-18-24 = 18-24 years
salam-age-retry = Please choose one of the age groups.
salam-too-young = Thanks for stopping by! This chat service is for ages 13 and up. Try talking to a parent, teacher or midwife (bidan) you trust. If you're in danger, ask an adult to call 112 (free).
salam-notice =
    Before we start, here's what you need to know:
    - This service is run by { $org_name }.
    - What we keep: your messages, your age group, and your kecamatan if you choose to tell us. We never ask for your name, address, school or NIK (ID number).
    - Messages are deleted automatically after { $retention_days } days.
    - Who can read them: trained counsellors, only if you ask for help or in an emergency. They can't see your number.
salam-notice-rights =
    - Type STOP to stop, and HAPUS to delete all your data, any time.
    - If you share your phone with family, you can delete this chat when you're done.
salam-consent = Do you agree?
salam-consent-yes = I agree
salam-consent-no = I don't agree
salam-consent-retry = Choose "I agree" to continue, or "I don't agree".
salam-declined = That's okay. If you change your mind, message me any time. Type HAPUS to delete the messages you've sent. If you're in danger, type TOLONG or call 112.
salam-thanks = Thanks! Now you can ask me anything.
salam-back-to-question = About your question earlier:
salam-kecamatan = One more thing, and you can skip it: which kecamatan (sub-district) do you live in? Then I can tell you about services near you. Type the name of your kecamatan, or type LEWATI.
salam-kecamatan-retry = I don't know that name yet. Type the name of a kecamatan in Kabupaten Pasuruan (for example Bangil, Pandaan, Gempol), or type LEWATI.
salam-pledge-offer = Would you like to get to know the GenRe pledge? It only takes a moment.
salam-pledge-yes = Sure
salam-pledge-later = Maybe later
