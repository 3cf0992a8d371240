## Hello Genre: HIV and STI (flows/hiv_sti.toml). Sources: flows/SOURCES.md, "HIV and STI".
# Review: machine-assisted draft; must be reviewed by a fluent English speaker before launch.

hiv-intro = It's great that you want to learn about HIV and STIs (sexually transmitted infections, "IMS" in Indonesian). The right information protects you and your friends.
hiv-topics = What would you like to know about?
hiv-choice-spread = How HIV spreads
hiv-choice-test = HIV test
hiv-choice-signs = Signs of STIs
hiv-choice-friend = My friend has HIV
hiv-choice-more = More about HIV
hiv-spread = HIV spreads through sex without a condom, sharing needles, blood, and from mother to baby. HIV is not the same as AIDS: AIDS is the late stage of HIV that has not been treated.
hiv-not-spread = HIV does NOT spread by drinking from the same glass, eating together, hugging, shaking hands, swimming pools or mosquito bites.
hiv-test = At a Puskesmas with HIV counselling and testing, the test is free and confidential. A rapid test gives a result in about 15-30 minutes; a "reactive" result needs a follow-up test. ARV treatment is free too, and people who take ARV regularly can live healthy lives.
hiv-signs = Signs to get checked: sores, warts or bumps on the genitals, unusual discharge, pain when you pee, or itching. Don't try to guess by yourself: get checked at the Puskesmas, they keep it confidential.
hiv-friend = You can still be friends, hang out and eat together with a friend who lives with HIV (ODHA). HIV doesn't spread through everyday activities. Your support means a lot to them.
