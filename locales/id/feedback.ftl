## After a case closes (flows/feedback.toml)

feedback-ask = Kakak konselor sudah menyelesaikan obrolan. Apakah obrolan tadi membantu?
feedback-yes = Membantu
feedback-no = Kurang membantu
feedback-thanks = Makasih jawabannya! Kalau butuh lagi, ketik MENU atau KONSELOR kapan saja.
feedback-sorry = Makasih sudah jujur, masukanmu kami sampaikan ke tim. Kalau butuh lagi, ketik KONSELOR kapan saja.
