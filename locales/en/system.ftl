## Texts the engine itself uses: commands, crisis correction, retries, lists.
## Short, kind, never scolding. Numbers: flows/data/services.toml (verified).
# Review: machine-assisted draft; must be reviewed by a fluent English speaker before launch.

system-stop-done = Okay, you've stopped. We won't send you any more messages. If you ever need us, type MULAI. If you're in danger, call 112.
system-start-done = Welcome back! Type MENU to see the options.
system-erase-done = We've deleted all your data: messages, answers and your number. If you need us again, message any time.
system-safe-word =
    Important numbers:
    Danger now: 112 (free)
    SAPA 129: call 129 or WhatsApp 0811-1129-129
system-safe-word-counsellor = Talk to a counsellor
system-not-meant = Not what I meant
system-crisis-corrected = Sorry, I misunderstood. Thanks for telling me. Let's carry on. If you need help numbers, type TOLONG any time.
system-media = Thanks! I can only read text messages for now. Please type your message, or type MENU.
system-unsupported = Sorry, I can't read this kind of message yet. Please type your message, or type MENU.
system-flow-changed = Sorry, the menu was just updated. Let's start again from the menu.
system-clarify = Which one do you mean?
system-clarify-other = Something else
system-retry-menu = Please choose one of the numbers below.
system-retry-ask = Sorry, I didn't understand your answer. Please try again.
system-list-button = Choose

## Sent when a case has waited longer than the SLA (GENRE_SLA_MINUTES) for a counsellor.
system-sla-wait = Sorry, a counsellor has not been able to reply yet. We are still trying as fast as we can. If you are in danger now, call 112 (free). SAPA 129: call 129 or WhatsApp 0811-1129-129.
system-sla-wait-closed = Sorry, it is outside counsellors' working hours ({ $office_hours }), so a reply may take longer. If you are in danger now, call 112 (free, 24 hours). SAPA 129: call 129 or WhatsApp 0811-1129-129.

## Added under every event announcement (broadcast) a supervisor sends.
system-broadcast-footer = Don't want event news any more? Type INFO ACARA and choose "Stop event news".
