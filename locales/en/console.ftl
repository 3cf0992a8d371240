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
