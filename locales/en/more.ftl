## Smaller flows: off-topic, help, opt-out, quiz, invites, events, pledge
# Review: machine-assisted draft; must be reviewed by a fluent English speaker before launch.

offtopic-text = Hmm, I can't help with that one yet. I know most about marriage age, reproductive health, periods, HIV, family planning and services near you.

help-text =
    I'm Kak Genre, a bot from the GenRe programme of { $org_name }. Words you can always type:
    MENU - list of topics
    KONSELOR - talk to a counsellor (a real person)
    TOLONG - emergency help numbers
    STOP - stop getting messages
    HAPUS - delete all your data
help-privacy = We don't ask for your name, address or school. Messages are deleted automatically after { $retention_days } days. Counsellors can't see your number.

optout-confirm = Which one do you want?
optout-choice-stop = Stop all messages
optout-choice-erase = Delete all my data
optout-choice-cancel = Never mind

quiz-intro = GenRe quiz! Four quick questions. Choose your answer.
quiz-retry = Please choose one of the answers.
quiz-right = Correct!
quiz-wrong = Not quite.
quiz-q1 = 1. What is the minimum age to marry under Indonesian law?
quiz-q1-a = 16 years
quiz-q1-b = 18 years
quiz-q1-c = 19 years
quiz-q1-why = Under UU 16/2019, the minimum age to marry is 19 for both women and men.
quiz-q2 = 2. Can HIV spread by drinking from the same glass?
quiz-q2-a = Yes, it can
quiz-q2-b = No, it can't
quiz-q2-why = HIV doesn't spread through sharing glasses, eating together, hugs or mosquito bites.
quiz-q3 = 3. Is it okay to wash your hair during your period?
quiz-q3-a = Yes
quiz-q3-b = No
quiz-q3-why = Bathing and washing your hair during your period is fine, and good for hygiene.
quiz-q4 = 4. According to BKKBN, what is the ideal age for a woman to marry?
quiz-q4-a = 19 years
quiz-q4-b = 21 years
quiz-q4-c = 25 years
quiz-q4-why = BKKBN recommends 21 for women and 25 for men.
quiz-done = All done! Get your friends to try this quiz too: type AJAK TEMAN to get your invite link.

invite-link = Invite your friends to chat with Kak Genre! Share this link: { $invite_link }
invite-count =
    { $invite_count ->
        [0] No friends have joined through your link yet. We never tell anyone your name or number.
        [one] 1 friend has joined through your link. Thank you! We never tell anyone your name or number.
       *[other] { $invite_count } friends have joined through your link. Thank you! We never tell anyone your name or number.
    }
invite-welcome-invited = Welcome! A friend invited you to chat with Kak Genre. Your friend won't know what you ask.

events-offer = Would you like news about GenRe events in your kecamatan? You can stop any time.
events-yes = Yes please
events-no = No thanks
events-kecamatan = Events in which kecamatan would you like to join? Type its name, or type LEWATI.
events-on = Okay, you'll get news about GenRe events. If you want to stop, type INFO ACARA and choose "Stop event news".
events-subscribed = You're already signed up for GenRe event news. Do you want to stop?
events-stop = Stop event news
events-keep = Keep getting news
events-off = Okay, you won't get event news any more.

pledge-text = The GenRe pledge: "Say no to early marriage, sex before marriage, and drugs (NAPZA)." GenRe teens also plan to marry at the ideal age: 21 for women and 25 for men.
pledge-ask = Would you like to take this pledge?
pledge-yes = I'm in!
pledge-later = Maybe later
pledge-done = Awesome! You're now part of Generasi Berencana, the "planned generation". Tell your friends about it too.
