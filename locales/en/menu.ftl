## The main menu (flows/menu.toml) and texts shared by the topic flows
# Review: machine-assisted draft; must be reviewed by a fluent English speaker before launch.

menu-main = What do you want to talk about? Pick a topic, or just type your question.
menu-button = Choose a topic
menu-marriage = Marriage age
menu-health = Reproductive health
menu-period = Periods
menu-hiv = HIV and STIs
menu-kb = Family planning
menu-services = Services near me
menu-report = Report child marriage
menu-counsellor = Talk to a counsellor
menu-quiz = GenRe quiz
menu-more = More
menu-retry = Choose a topic number, or type your question.
menu-more-text = Other things:
menu-invite = Invite friends
menu-events = GenRe events
menu-pledge = GenRe pledge
menu-privacy = Help and privacy
menu-done = Done
menu-bye = Okay! If you have more questions, message me any time. Type TOLONG if you need help numbers.

common-main-menu = Main menu
common-done = Done
common-anything-else = Is there anything else you'd like to know?
common-retry = Please choose one of the numbers below.
common-bye = Thanks for chatting! If you have more questions, message me any time.
