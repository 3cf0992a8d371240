## Hello Genre: marriage age (flows/marriage_age.toml). Sources: flows/SOURCES.md, "Marriage age".
# Review: machine-assisted draft; must be reviewed by a fluent English speaker before launch.

marriage-intro =
    Good question! Here are the basics:
    - Under UU 16/2019, the minimum age to marry in Indonesia is 19, for both women and men.
    - BKKBN recommends marrying at 21 for women and 25 for men, so that body, mind and finances are more ready.
marriage-topics = What else would you like to know?
marriage-choice-why = Why 21 and 25?
marriage-choice-dispensation = Court dispensation
marriage-choice-risks = Teen pregnancy risks
marriage-choice-parents = Talking to parents
marriage-choice-myth = Marry young, avoid zina?
marriage-choice-forced = If I'm forced to marry
marriage-choice-more = More about marriage
marriage-why = BKKBN recommends marrying no earlier than 21 for women and 25 for men, because by then body, mind and finances are more ready. BKKBN also says the ideal age for a first pregnancy is between 21 and 35.
marriage-transitions =
    The GenRe programme talks about five steps of growing up, roughly in this order:
    1. Continue school
    2. Find work
    3. Start a family at the right time
    4. Be active in your community
    5. Live a healthy life
    Waiting to marry gives you time for all of them.
marriage-dispensation =
    A marriage dispensation (dispensasi kawin) is not a formality. It is a court decision (Pengadilan Agama for Muslims, Pengadilan Negeri for others).
    The parents apply, with very urgent reasons and evidence. The judge must hear the child who would be married, and can ask for the views of a psychologist, a doctor or midwife, or UPTD PPA (PERMA 5/2019).
    This means you can tell the judge what you think, including if you don't want to marry.
marriage-risks =
    According to WHO, problems in pregnancy and childbirth are among the main causes of death for girls aged 15-19 in low- and middle-income countries.
    Teenage mothers have a higher risk of eclampsia and infections than mothers aged 20-24, and their babies are more likely to be born early or with a low birth weight.
    If you or a friend is pregnant, get checked by a midwife (bidan) or at the Puskesmas.
marriage-parents =
    Talking about marriage with your parents isn't easy. Some tips:
    - Pick a calm moment and speak politely.
    - Share your plans: school, work, your dreams.
    - Share the facts: the minimum age to marry is 19 (UU 16/2019), and BKKBN recommends 21 for women and 25 for men.
    - Bring in someone they trust: a teacher, a family planning worker (penyuluh KB), a religious leader, or a PIK-R peer.
marriage-parents-forced = If you are being forced to marry, it is not your fault. Type KONSELOR to talk to a counsellor.
marriage-myth-zina =
    Lots of people say "marry young so you don't commit zina". The intention may be good, but here's what you should know:
    - The legal minimum age to marry is 19 (UU 16/2019).
    - Pregnancy in the teen years is riskier for mother and baby (WHO).
    - Forcing a child to marry is a crime (UU TPKS Article 10).
    For religious questions, ask the KUA or an ustadz you trust.
marriage-forced =
    Forcing someone to marry, including marrying off a child, is a crime under UU TPKS Article 10: up to 9 years in prison and/or a fine of up to Rp200 million. Parents are also obliged to prevent child marriage (UU 35/2014).
    If you or a friend is about to be married off, choose "Report child marriage" in the MENU, or contact SAPA 129 (call 129, WhatsApp 0811-1129-129).
