## After a case closes (flows/feedback.toml)
# Review: machine-assisted draft; must be reviewed by a fluent English speaker before launch.

feedback-ask = The counsellor has finished the chat. Did it help you?
feedback-yes = It helped
feedback-no = Not really
feedback-thanks = Thanks for answering! If you need us again, type MENU or KONSELOR any time.
feedback-sorry = Thanks for being honest. We'll pass your feedback on to the team. If you need us again, type KONSELOR any time.
