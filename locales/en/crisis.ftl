## Crisis messages (flows/routing/crisis.toml). 112 first, then SAPA 129. Each fits in three
## SMS segments. Numbers: flows/data/services.toml (all verified, see flows/SOURCES.md). No emoji.
# Review: machine-assisted draft; must be reviewed by a fluent English speaker before launch.

crisis-self-harm =
    I care about you, and I'm glad you told me. You are not alone.
    If you are in danger right now, call 112 (free, 24 hours).
    You can also contact SAPA 129: call 129 or WhatsApp 0811-1129-129.
    I've asked a counsellor to reply here as soon as possible.
crisis-violence =
    Thank you for telling me. This is not your fault, and you have the right to be safe.
    If you are in danger right now, call 112 (free) or the police on 110.
    SAPA 129 helps children and women who face violence: call 129 or WhatsApp 0811-1129-129.
    I've asked a counsellor to reply here as soon as possible.
crisis-forced-marriage =
    Thank you for telling me. Marrying off a child is against the law, and you have the right to say no.
    If you are in danger right now, call 112 (free).
    SAPA 129 can help: call 129 or WhatsApp 0811-1129-129.
    I've asked a counsellor to reply here as soon as possible.
crisis-pregnancy =
    I'm worried about your safety. Please don't try to end a pregnancy by yourself.
    If there is bleeding, strong pain, or you are in danger right now, call 112 or 119 (ambulance).
    I've asked a counsellor to reply here as soon as possible. The midwife (bidan) at the Puskesmas can help you too.
crisis-runaway =
    Thank you for telling me. Your safety matters most.
    If you are in danger right now, call 112 (free) or the police on 110.
    SAPA 129 helps children and women: call 129 or WhatsApp 0811-1129-129.
    I've asked a counsellor to reply here as soon as possible. Don't go anywhere with someone you have only just met.
crisis-check-in = Sounds like things are heavy right now. If you want to talk, type KONSELOR to talk to a counsellor. If you don't feel safe, type TOLONG.
