## Hello Genre: contraception (flows/contraception.toml), framed as national policy frames it.
## Sources: flows/SOURCES.md, "Contraception". Never dosing.
# Review: machine-assisted draft; must be reviewed by a fluent English speaker before launch.

kb-intro = Knowing about family planning (KB) is important, for now or for later. In Indonesia, family planning services are for married couples. If you're not married, I can give you the basics and ways to protect yourself.
kb-topics = What would you like to know about?
kb-choice-methods = Types of methods
kb-choice-where = Where to get advice?
kb-choice-condom = Condoms and STIs
kb-choice-teens = For teens
kb-choice-more = More about KB
kb-methods =
    Family planning methods in Indonesia:
    - Long-term (MKJP): IUD/coil (AKDR), implant, female sterilisation (MOW) and vasectomy (MOP).
    - Others: injection (every 1 or 3 months), the pill, and condoms.
    How to use them and which one suits someone is discussed in person with a midwife (bidan) or a family planning worker.
kb-where = You can get family planning advice from a midwife (bidan), the Puskesmas, or the family planning worker (PKB/PLKB) in your kecamatan. They help married couples choose a method that suits them.
kb-condom = Condoms can lower the risk of getting HIV and other STIs. If you notice signs of an STI, like sores, bumps or unusual discharge from the genitals, get checked at the Puskesmas. They keep it confidential.
kb-teens =
    For teens who aren't married:
    - You have the right to say no to sex, with anyone, including a boyfriend or girlfriend.
    - Waiting until marriage to have sex is the choice recommended for teens.
    - If someone forces you, that is violence. Type KONSELOR or TOLONG.
