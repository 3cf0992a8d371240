## Hello Genre: reproductive health (flows/repro_health.toml). Sources: flows/SOURCES.md.
## Medical wording to be reviewed by a Puskesmas PKPR clinician before launch.
# Review: machine-assisted draft; must be reviewed by a fluent English speaker before launch.

health-intro = That's a really normal question. Your body changes a lot in your teens, and it's normal to feel confused sometimes.
health-topics = What would you like to know about?
health-choice-puberty = Puberty
health-choice-wet-dreams = Wet dreams
health-choice-hygiene = Keeping clean
health-choice-anaemia = Anaemia and TTD
health-choice-pregnant = Worried I'm pregnant
health-choice-talk = Talk to a counsellor
health-choice-more = More on health
health-puberty =
    Puberty is when your body changes from a child's body to an adult's: you grow taller, hair grows on your body, you may get pimples, boys' voices change, and girls' breasts grow and their periods start.
    The timing is different for everyone. If you're worried something isn't usual, ask a midwife (bidan) or the Puskesmas. They keep what you tell them confidential.
health-wet-dreams = A wet dream is when sperm comes out while you sleep. It happens because hormones rise during puberty. Wet dreams are normal, not a disease, and they don't harm your health or fertility. Afterwards, just wash and change your clothes.
health-hygiene =
    How to keep your private parts clean:
    - Bathe and change your underwear every day.
    - During your period, change your pad regularly.
    - After a wet dream, wash and change your clothes.
    If there's itching, a sore, bumps or unusual discharge, get it checked at the Puskesmas.
health-anaemia = Anaemia ("kurang darah", low blood) can make you feel sluggish, tired, weak and dizzy, and make your eyelids, lips or palms look pale. Many teens have it: according to Riskesdas 2018, about 1 in 3 people aged 15-24.
health-ttd = Girls aged 12-18 get iron tablets (Tablet Tambah Darah, TTD) at school: 1 tablet every week, all year round. Take it after a meal, with plain water. Feeling sick or having dark poo is common. If something bothers you, ask the school health room (UKS) or the Puskesmas.
health-pregnant = If you're worried you might be pregnant, or you are pregnant, you're not alone. The midwife (bidan) at the Puskesmas can check you and will keep it confidential. Would you like to talk to a counsellor first?
health-handover = Okay, I'm connecting you to a counsellor. Write your story here and a counsellor will reply. If there is bleeding or strong pain, call 112 or 119 (ambulance) now.
