## After a case closes (flows/feedback.toml)
# Review: machine-assisted draft; must be reviewed by a native East-Javanese speaker before launch.

feedback-ask = Kakak konselor wis mari ngobrol. Ngobrol mau mbantu awakmu ta?
feedback-yes = Mbantu
feedback-no = Kurang mbantu
feedback-thanks = Suwun jawabane! Lek butuh maneh, ketik MENU utawa KONSELOR kapan ae.
feedback-sorry = Suwun wis jujur, masukanmu tak teruske nang tim. Lek butuh maneh, ketik KONSELOR kapan ae.
