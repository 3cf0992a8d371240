## The counsellor console (src/console), English.
# Review: to be reviewed by a native English speaker before launch.
# $case - a case number; $minutes - minutes; $hours - hours; $left - time left; $template - a template name

console-title = Genre counsellor console
console-login-name = Login
console-password = Password
console-sign-in = Sign in
console-sign-out = Sign out
console-login-wrong = Wrong login or password.
console-login-locked = This account is locked for a while after too many wrong attempts. Try again in 15 minutes, or ask an admin.
console-login-slow-down = Too many attempts from this device. Wait a few minutes.
console-queue = Queue
console-admin = Counsellors
console-audit = Audit log
console-available = Available for cases
console-away = Away
console-availability-hint = Change your availability
console-mine = My cases
console-waiting = Waiting
console-others = Held by other counsellors
console-closed = Closed
console-none = None.
console-urgent = URGENT
console-normal = normal
console-waited = waited
console-assigned-to = held by
console-unknown-kecamatan = kecamatan unknown
console-alerts = Alerts
console-alert-sla = Urgent case #{ $case } has no counsellor reply yet.
console-alert-whatsapp = Genre: urgent case #{ $case } has had no reply for { $minutes } minutes. Open the counsellor console.
console-case = Case
console-topic = Topic
console-kecamatan = Kecamatan
console-age-band = Age band
console-status = Status
console-status-waiting = waiting
console-status-assigned = held by a counsellor
console-status-closed = closed
console-opened = Opened
console-reason = Reason
console-conversation = Conversation
console-reply = Reply to the teen
console-send = Send
console-canned = Canned replies
console-canned-choose = Choose a canned reply...
console-take = Take this case
console-transfer = Transfer
console-transfer-to = Transfer to
console-close = Close the case
console-outcome = Outcome
console-outcome-answered = Answered
console-outcome-referred_puskesmas = Referred to a Puskesmas
console-outcome-referred_uptd_ppa = Referred to UPTD PPA
console-outcome-referred_kua = Referred to the KUA
console-outcome-referred_police = Referred to the police
console-outcome-no_response = No response from the teen
console-outcome-erased = The teen erased their data
console-notes = Internal notes
console-add-note = Add a note
console-reveal = Show the number
console-reveal-reason = Why you need the number (goes to the audit log)
console-revealed = The teen's number
console-window-open = WhatsApp's 24-hour window is open, { $left } left
console-window-closed-template = WhatsApp's 24-hour window has closed: your reply waits, and the template "{ $template }" asks the teen to write back first.
console-window-closed-none = WhatsApp's 24-hour window has closed and no template is configured: replies cannot go until the teen writes again.
console-window-sms = SMS or Telegram: no 24-hour limit
console-corrected = the teen said the bot misunderstood
console-erased = the teen erased their data
console-back = Queue
console-counsellors = Counsellors
console-name = Name
console-role = Role
console-topics = Topics
console-kecamatan-list = Kecamatan
console-capacity = Capacity
console-phone = WhatsApp (supervisors)
console-add = Add a counsellor
console-disable = Disable
console-disabled = disabled
console-set-password = Set password
console-all = all
console-duration-minutes = { $minutes } min
console-duration-hours = { $hours } h { $minutes } min
console-audit-when = When
console-audit-who = Who
console-audit-what = What
console-not-allowed = You do not have access to this page.
console-speaker-teen = Teen
console-speaker-bot = Bot
console-speaker-counsellor = Counsellor
console-pseudonym = Pseudonym
console-channel = Channel

## Canned replies: sent in the teen's language; `-label` is what counsellors see.
console-canned-greeting-label = Greeting
console-canned-greeting = Hi, I'm a counsellor from the GenRe programme. Thanks for waiting. I'm here to listen.
console-canned-listening-label = Listening
console-canned-listening = Thank you for telling me. What you feel makes sense. Can you tell me more?
console-canned-puskesmas-label = Refer to a Puskesmas
console-canned-puskesmas = You can go to the nearest Puskesmas for youth health services. They keep it confidential.
console-canned-sapa-label = Refer to SAPA 129
console-canned-sapa = If you or a friend are facing violence, SAPA 129 can help: call 129 or WhatsApp 0811-1129-129. If you are in danger now, call 112.
console-canned-closing-label = Closing
console-canned-closing = Thank you for sharing. If you need us again, type KONSELOR any time. If you are in danger, type TOLONG.

## The availability switch in the header
console-go-available = I'm available
console-go-away = I'm taking a break

## Why a case was opened
# $what - the crisis rule's name, or the flow/step
console-reason-crisis = Crisis message (rule { $what })
console-reason-command = The teen asked for a counsellor (KONSELOR)
console-reason-flow = From a bot conversation ({ $what })

## Whether a message reached the teen
console-delivery-pending = sending
console-delivery-sent = sent
console-delivery-delivered = delivered
console-delivery-read = read
console-delivery-failed = NOT delivered
console-delivery-held = waiting for the teen to write (24-hour window)
console-delivery-cancelled = cancelled

## Topic names for staff (more precise than the teen's menu)
console-topic-violence-crisis = Crisis: violence, self-harm, danger
console-topic-forced-marriage-report = Child marriage (a report or a threat)
console-topic-counsellor-request = Asked to talk to a counsellor

## Right of access (admins)
console-privacy = Data requests
console-export-explain = A teen may ask for everything stored about them. Enter the number (or Telegram chat id) they write from: you get one JSON file with their record, consent, messages, cases and notes. Every export is in the audit log.
console-export-address = Number or chat id
console-export = Export
console-export-none = Nothing is stored for this number.

## Broadcasts (Safari Genre events)
console-broadcasts = Broadcasts
console-broadcast-who = Only teens who agreed to get event news receive a broadcast; teens who sent STOP or turned event news off are skipped, even while it is being sent.
console-broadcast-body = Announcement
console-broadcast-footer-note = A line on how to stop event news is added at the end, in each teen's language.
console-broadcast-template = WhatsApp template (optional)
console-broadcast-template-note = WhatsApp only lets free text reach a teen within 24 hours of their last message. For the others, name a template Meta has approved; without one they are skipped.
console-broadcast-none-is-all = Choose none for all.
console-broadcast-preview = Check the audience
# $count - how many teens the broadcast would reach
console-broadcast-audience = { $count ->
    [one] This reaches 1 teen.
   *[other] This reaches { $count } teens.
}
console-broadcast-send = Send the broadcast
console-broadcast-sent = Sent broadcasts
console-broadcast-cancelled = cancelled
console-broadcast-audience-size = Teens
console-broadcast-waiting = Waiting
console-broadcast-skipped = Skipped
console-broadcast-cancel = Stop sending

## Reports (src/console/reports.rs): aggregate figures for supervisors and admins
# $from, $to - the period's first and last day (YYYY-MM-DD); $seconds - a number of seconds

console-reports = Reports
console-reports-from = From
console-reports-to = To
console-reports-show = Show
console-reports-download-csv = Download CSV
console-reports-download-json = Download JSON
console-reports-period = Period { $from } to { $to } (days in WIB)
console-reports-bad-period = This period cannot be used: write dates like 2026-11-30, the end not before the start, at most 366 days.
console-reports-privacy = "<5" means fewer than 5, or a number hidden so that a small one cannot be worked out from a total. Medians, scores and depths drawn from fewer than 5 teens or cases are hidden too. This way no teen can be recognised. Phone numbers and message texts are never in a report.
console-reports-reach = Teens reached
console-reports-reach-hint = Teens who wrote to the bot. New: their first message was in that period (or week); returning: they had written before. Staff and teens who erased their data are not counted.
console-reports-teens = Teens
console-reports-new = New
console-reports-returning = Returning
console-reports-week = Week
console-reports-by-week = By week (ISO, Monday to Sunday)
console-reports-by-kecamatan = By kecamatan
console-reports-by-age-band = By age band
console-reports-unknown = unknown
console-reports-topics = Topics asked
console-reports-topic = Topic
console-reports-asked = Questions
console-reports-total = Total
console-reports-topic-trigger = Direct keywords (quiz, invite, events, pledge)
console-reports-flows = Conversation flows
console-reports-flows-hint = Flows started in this period: how many were completed, and at which question teens stopped when they did not finish.
console-reports-flow = Flow
console-reports-started = Started
console-reports-completed = Completed
console-reports-unfinished = Not finished
console-reports-stopped-at = Stopped at
console-reports-no-node = before the first question
console-reports-cases = Cases for counsellors
console-reports-urgent = Urgent
console-reports-normal = Normal
console-reports-all = All
console-reports-sla-breaches = Urgent cases not answered within the SLA
console-reports-first-reply = Time to a counsellor's first reply
console-reports-replied = Answered
console-reports-median = Median
console-reports-p90 = 90% answered within
console-reports-seconds = { $seconds } s
console-reports-feedback = Feedback: "Did this help?"
console-reports-answers = Answers
console-reports-helped = Helped
console-reports-not-helped = Did not help
console-reports-score = Score (percent who said it helped)
console-reports-cascade = Invite cascade
console-reports-cascade-hint = Teens who joined in this period. Generation 0 came without an invite; generation 1 was brought by generation 0, generation 2 by generation 1, and so on (the inviter may have joined before the period). Depth: the highest generation.
console-reports-generation = Generation
console-reports-brought = Brought (next generation)
console-reports-invited = Invited by a friend
console-reports-without-invite = Without an invite
console-reports-depth = Depth
console-reports-none = No data in this period.
