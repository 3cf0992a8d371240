## A counsellor, please (flows/counsellor.toml)
# Review: machine-assisted draft; must be reviewed by a fluent English speaker before launch.
# $office_hours - when counsellors answer (GENRE_OFFICE_HOURS_TEXT)

counsellor-open = Okay, I'm connecting you to a counsellor. Counsellors are real people, not a bot, and they are trained. Write your story here and a counsellor will reply as soon as they can. I'll stay quiet until then. If you're in danger, call 112.
counsellor-closed = It's outside the counsellors' working hours right now ({ $office_hours }). Write your story here: your message is saved, and a counsellor will reply in the next working hours. If you're in danger right now, call 112 (free, 24 hours). For violence: SAPA 129, call 129 or WhatsApp 0811-1129-129.
