## Hello Genre: menstruation (flows/menstruation.toml). Sources: flows/SOURCES.md, "Menstruation".
# Review: machine-assisted draft; must be reviewed by a fluent English speaker before launch.

period-intro = Periods are normal and healthy. There's no need to feel shy talking about them.
period-topics = What would you like to know about?
period-choice-normal = A normal period
period-choice-doctor = When to get checked?
period-choice-pads = Changing pads
period-choice-myths = Period myths
period-choice-more = More about periods
period-normal =
    What's normal:
    - From one period to the next is 21-35 days (28 on average).
    - A period usually lasts 3-7 days.
    - In the first two years after your first period, it's often not regular yet. That's normal.
period-doctor =
    See a midwife (bidan) or go to the Puskesmas if:
    - you haven't had a period for more than 3 months (when it was regular before),
    - your period lasts more than 7 days, or you need a new pad every hour,
    - the pain is so bad you can't go to school,
    - you're 15-16 and haven't had your first period yet.
period-pads = Change your pad regularly, usually 3-6 times a day, depending on how heavy the flow is. Wash your hands before and after, and wrap used pads before throwing them away.
period-myths = A myth we often hear: "you can't wash your hair or bathe during your period". In fact, bathing and washing your hair during your period is fine, and good for hygiene. Having a period doesn't mean you're dirty.
