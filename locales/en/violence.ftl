## Violence, bullying, harassment without immediate danger (flows/violence.toml)
# Review: machine-assisted draft; must be reviewed by a fluent English speaker before launch.

violence-support = Thank you for telling me. What happened to you is not your fault, and you have the right to feel safe.
violence-options = Here's how I can help:
violence-choice-counsellor = Talk to a counsellor
violence-choice-numbers = Help numbers
violence-numbers =
    If you're in danger right now: call 112 (free) or the police on 110.
    SAPA 129 (Kementerian PPPA, the ministry for women and children) helps children and women who face violence: call 129 or WhatsApp 0811-1129-129.
violence-after-numbers = Would you like to talk to a counsellor too?
violence-handover = Okay, I'm connecting you to a counsellor. Write your story here. A counsellor will reply here, and I'll stay quiet until then. If you're in danger, call 112.
