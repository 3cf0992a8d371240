## Reporting a planned child marriage (flows/report.toml)
# Review: machine-assisted draft; must be reviewed by a fluent English speaker before launch.

report-intro = Thank you for caring. I'll ask a few short questions. You don't need to name anyone.
report-whose = Who is going to be married?
report-whose-me = Me
report-whose-other = A friend or relative
report-when = Roughly when is the wedding?
report-when-week = This week
report-when-month = This month
report-when-later = Later than that
report-when-unknown = Don't know yet
report-kecamatan = In which kecamatan? Type its name, or type LEWATI.
report-contact = Can a staff member contact you through this chat?
report-contact-yes = Yes, okay
report-contact-no = No, please don't
report-what-next = I'm passing your report on to our staff. They will read it and decide what steps can be taken, for example support for the family together with a family planning worker (penyuluh KB) or UPTD PPA. The identity of the person who reports is protected.
report-urgent = Because the wedding is soon, we've marked your report as urgent. If there is danger right now, call 112. SAPA 129 can also help: call 129 or WhatsApp 0811-1129-129.
report-normal = A staff member will reply here during working hours ({ $office_hours }). If things become urgent, type TOLONG.
