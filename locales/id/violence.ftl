## Violence, bullying, harassment without immediate danger (flows/violence.toml)

violence-support = Terima kasih sudah cerita. Apa yang kamu alami bukan salahmu, dan kamu berhak merasa aman.
violence-options = Aku bisa bantu dengan cara ini:
violence-choice-counsellor = Bicara ke konselor
violence-choice-numbers = Nomor bantuan
violence-numbers =
    Kalau kamu dalam bahaya sekarang: telepon 112 (gratis) atau polisi 110.
    SAPA 129 (Kementerian PPPA) membantu anak dan perempuan korban kekerasan: telepon 129 atau WhatsApp 0811-1129-129.
violence-after-numbers = Mau bicara dengan kakak konselor juga?
violence-handover = Oke, aku sambungkan ke kakak konselor. Tulis ceritamu di sini ya. Kakak konselor akan membalas di sini, dan aku diam dulu. Kalau kamu dalam bahaya, telepon 112.
