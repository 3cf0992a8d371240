## Violence, bullying, harassment without immediate danger (flows/violence.toml)
# Review: machine-assisted draft; must be reviewed by a native East-Javanese speaker before launch.

violence-support = Suwun wis gelem crito. Opo sing awakmu alami iku dudu salahmu, lan awakmu berhak ngerasa aman.
violence-options = Aku iso mbantu kanthi cara iki:
violence-choice-counsellor = Crito nang konselor
violence-choice-numbers = Nomer bantuan
violence-numbers =
    Lek awakmu lagi ono bahaya saiki: telpon 112 (gratis) utawa polisi 110.
    SAPA 129 (Kementerian PPPA) mbantu arek lan wong wedok sing dadi korban kekerasan: telpon 129 utawa WhatsApp 0811-1129-129.
violence-after-numbers = Pingin crito karo kakak konselor pisan?
violence-handover = Oke, tak sambungno nang kakak konselor. Tulisen critamu ndek kene yo. Kakak konselor bakal mbales ndek kene, lan aku meneng disik. Lek awakmu lagi ono bahaya, telpon 112.
