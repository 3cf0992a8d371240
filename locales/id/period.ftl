## Hello Genre: menstruation (flows/menstruation.toml). Sources: flows/SOURCES.md, "Menstruation".

period-intro = Haid itu normal dan sehat, nggak perlu malu membicarakannya.
period-topics = Mau tahu soal apa?
period-choice-normal = Haid yang normal
period-choice-doctor = Kapan perlu periksa?
period-choice-pads = Ganti pembalut
period-choice-myths = Mitos soal haid
period-choice-more = Soal haid lainnya
period-normal =
    Yang normal:
    - Jarak dari haid ke haid berikutnya 21-35 hari (rata-rata 28).
    - Haid biasanya berlangsung 3-7 hari.
    - Dua tahun pertama sejak haid pertama, jadwalnya sering belum teratur. Itu biasa.
period-doctor =
    Periksakan ke bidan atau Puskesmas kalau:
    - tidak haid lebih dari 3 bulan (padahal sebelumnya sudah teratur),
    - haid lebih dari 7 hari, atau harus ganti pembalut tiap jam,
    - nyerinya parah sampai tidak bisa sekolah,
    - umur 15-16 tahun belum pernah haid.
period-pads = Ganti pembalut secara teratur, biasanya 3-6 kali sehari, tergantung banyaknya darah. Cuci tangan sebelum dan sesudah ganti, dan bungkus pembalut bekas sebelum dibuang.
period-myths = Mitos yang sering kita dengar: "tidak boleh keramas atau mandi saat haid". Faktanya, mandi dan keramas saat haid itu boleh dan baik untuk kebersihan. Haid juga bukan berarti kamu kotor.
