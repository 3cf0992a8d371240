## Topic titles for the clarifying question ("Which one do you mean?"), at most 24 characters.
# Review: machine-assisted draft; must be reviewed by a fluent English speaker before launch.

topic-greeting = Say hello
topic-marriage-age = Marriage age
topic-reproductive-health = Reproductive health
topic-menstruation = Periods
topic-hiv-sti = HIV and STIs
topic-contraception = Family planning
topic-services-location = Services near me
topic-violence-crisis = Violence or bullying
topic-forced-marriage-report = Report child marriage
topic-counsellor-request = Talk to a counsellor
topic-opt-out = Stop or delete data
topic-off-topic = Something else
