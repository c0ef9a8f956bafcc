// Generated from keywords/*.yml by `make generate` (swift run textgate-keywords); do not edit.
// A test fails when this file and keywords/ disagree.

extension BuiltinKeywords {
    /// The built-in keyword sets, in file-name order.
    static let sets: [KeywordSet] = [
        KeywordSet(
            language: "en",
            optOut: ["STOP", "STOPALL", "STOP ALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "OPT OUT", "OPT-OUT"],
            optIn: ["START", "YES", "UNSTOP"],
            help: ["HELP", "INFO"],
            confirm: ["C", "CONFIRM", "CONFIRMED", "YES", "Y"],
            reschedule: ["R", "RESCHEDULE"],
            cancel: ["CANCEL"],
            polite: ["please", "pls", "plz", "thanks", "thank you", "thx", "ty", "now", "asap"],
            markers: ["the", "please", "my", "i", "i'm", "you", "your", "to", "is", "are", "and", "of", "for", "this", "that", "can", "will", "want", "don't", "do", "not", "thanks", "thank", "appointment", "text", "texts", "messages", "what", "when", "how", "it", "be", "have", "at", "with"],
            classes: [
                "filler": ["the", "these", "those", "this", "all", "any", "your", "my", "me", "us", "with", "of", "more", "ever", "you", "u", "such", "so", "many", "again"],
                "messaging": ["text", "texts", "texting", "txt", "txts", "txting", "message", "messages", "messaging", "msg", "msgs", "sms", "send", "sending", "contact", "contacting", "notifications", "reminders", "alerts"],
                "remove_en": ["take", "remove", "delete"],
                "stop_en": ["stop", "quit", "cease"],
            ],
            revocation: [
                PhrasePattern(source: "{stop_en} ..2 {messaging}", steps: [.word([.wordClass("stop_en")], optional: false), .fillers(2), .word([.wordClass("messaging")], optional: false)]),
                PhrasePattern(source: "don't|dont|never ..1 {messaging}", steps: [.word([.word("don't"), .word("dont"), .word("never")], optional: false), .fillers(1), .word([.wordClass("messaging")], optional: false)]),
                PhrasePattern(source: "do not ..1 {messaging}", steps: [.word([.word("do")], optional: false), .word([.word("not")], optional: false), .fillers(1), .word([.wordClass("messaging")], optional: false)]),
                PhrasePattern(source: "no more {messaging}", steps: [.word([.word("no")], optional: false), .word([.word("more")], optional: false), .word([.wordClass("messaging")], optional: false)]),
                PhrasePattern(source: "{remove_en} me|my ~1 off|from ~2 list|lists|{messaging}", steps: [.word([.wordClass("remove_en")], optional: false), .word([.word("me"), .word("my")], optional: false), .any(1), .word([.word("off"), .word("from")], optional: false), .any(2), .word([.word("list"), .word("lists"), .wordClass("messaging")], optional: false)]),
                PhrasePattern(source: "{remove_en} me|my number? off|from $", steps: [.word([.wordClass("remove_en")], optional: false), .word([.word("me"), .word("my")], optional: false), .word([.word("number")], optional: true), .word([.word("off"), .word("from")], optional: false), .end]),
                PhrasePattern(source: "{remove_en} my number", steps: [.word([.wordClass("remove_en")], optional: false), .word([.word("my")], optional: false), .word([.word("number")], optional: false)]),
                PhrasePattern(source: "unsubscribe|unsuscribe|unsubscibe|optout me?", steps: [.word([.word("unsubscribe"), .word("unsuscribe"), .word("unsubscibe"), .word("optout")], optional: false), .word([.word("me")], optional: true)]),
                PhrasePattern(source: "opt me? out", steps: [.word([.word("opt")], optional: false), .word([.word("me")], optional: true), .word([.word("out")], optional: false)]),
                PhrasePattern(source: "don't|dont|not want ..3 {messaging}", steps: [.word([.word("don't"), .word("dont"), .word("not")], optional: false), .word([.word("want")], optional: false), .fillers(3), .word([.wordClass("messaging")], optional: false)]),
            ]
        ),
        KeywordSet(
            language: "es",
            optOut: ["ALTO", "PARAR", "PARE", "PAREN", "BAJA", "CANCELAR", "DETENER", "DETENGAN", "SALIR", "BASTA", "FIN", "DESUSCRIBIR", "DESUSCRIBIRME", "DARME DE BAJA", "DAR DE BAJA"],
            optIn: ["INICIO", "REANUDAR"],
            help: ["AYUDA", "AUXILIO"],
            confirm: ["SÍ", "SI", "CONFIRMAR", "CONFIRMO", "CONFIRMADO", "C"],
            reschedule: ["CAMBIAR", "REPROGRAMAR", "CAMBIAR CITA"],
            cancel: ["CANCELAR"],
            polite: ["por favor", "porfa", "porfavor", "porfis", "xfa", "xfavor", "x favor", "pf", "gracias", "ya", "ahora", "ahora mismo", "de una vez"],
            markers: ["que", "q", "de", "la", "el", "los", "las", "por", "favor", "porfa", "xfa", "mi", "mis", "gracias", "quiero", "mensajes", "mensaje", "cita", "con", "es", "esta", "una", "y", "ya", "mas", "pero", "hola", "buenos", "buenas", "dias", "tardes", "si", "usted", "ustedes", "manden", "envien", "escriban", "puedo", "cuando", "donde", "como", "hoy", "mañana", "lista", "receta", "del", "al", "dolor", "doctor", "doctora", "ayuda"],
            classes: [
                "baja_es": ["darme", "dar", "denme", "deme", "doy", "darnos", "dame", "darse", "dan", "den"],
                "filler": ["el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "este", "estos", "estas", "esos", "esas", "aquellos", "su", "sus", "tus", "mis", "mi", "todos", "todas", "tanto", "tantos", "mas", "ningun", "ninguno", "ninguna", "de", "del", "a", "al", "me", "nos", "recibir", "recibiendo", "seguir", "tipo", "ese", "esa"],
                "halt_es": ["basta", "alto", "stop", "paren", "pare", "parar", "detengan", "detener", "cancelen", "cancele", "cancelar", "cancela", "suspendan", "suspender", "suspenda", "desactiven", "desactivar", "eliminen", "eliminar", "quiten", "quitar", "suficiente", "dejen"],
                "messaging": ["mensaje", "mensajes", "mensajito", "mensajitos", "msj", "msjs", "mjs", "mensages", "mesajes", "sms", "texto", "textos", "textitos", "recordatorio", "recordatorios", "notificacion", "notificaciones", "aviso", "avisos", "whatsapp", "whatsapps", "wsp", "wasap", "mensajeria", "alertas"],
                "remove_es": ["quiten", "quite", "saquen", "saque", "borren", "borre", "eliminen", "elimine", "quitar", "sacar", "borrar", "eliminar", "retiren"],
                "remove_me_es": ["quitenme", "quiteme", "quitame", "quitarme", "sacame", "saquenme", "saqueme", "sacarme", "borrenme", "borreme", "borrame", "borrarme", "eliminenme", "elimineme", "eliminame", "eliminarme", "excluyanme", "retirenme"],
                "send_inf": ["mandar", "enviar", "escribir", "textear", "contactar", "recibir", "mandando", "enviando", "escribiendo"],
                "send_me": ["mandarme", "enviarme", "escribirme", "textearme", "contactarme", "molestarme", "mandarnos", "enviarnos", "escribirnos", "mandandome", "enviandome", "escribiendome", "molestandome"],
                "send_now": ["manden", "mande", "mandes", "mandenme", "envien", "envie", "envies", "escriban", "escriba", "escribas", "texteen", "textee", "contacten", "contacte", "molesten", "moleste", "sigan", "siga"],
                "stop_es": ["dejen", "deje", "dejar", "dejes", "deja", "paren", "pare", "parar", "para", "detengan", "detenga", "detener", "basta", "alto"],
                "want_es": ["quiero", "queremos", "quiere", "deseo", "deseamos", "desea", "necesito", "necesitamos"],
            ],
            revocation: [
                PhrasePattern(source: "no me|nos? {send_now} mas? $", steps: [.word([.word("no")], optional: false), .word([.word("me"), .word("nos")], optional: true), .word([.wordClass("send_now")], optional: false), .word([.word("mas")], optional: true), .end]),
                PhrasePattern(source: "no me|nos? {send_now} mas", steps: [.word([.word("no")], optional: false), .word([.word("me"), .word("nos")], optional: true), .word([.wordClass("send_now")], optional: false), .word([.word("mas")], optional: false)]),
                PhrasePattern(source: "no me|nos? {send_now} ..2 {messaging}", steps: [.word([.word("no")], optional: false), .word([.word("me"), .word("nos")], optional: true), .word([.wordClass("send_now")], optional: false), .fillers(2), .word([.wordClass("messaging")], optional: false)]),
                PhrasePattern(source: "no me|nos? {send_me}", steps: [.word([.word("no")], optional: false), .word([.word("me"), .word("nos")], optional: true), .word([.wordClass("send_me")], optional: false)]),
                PhrasePattern(source: "no me|nos? {send_now} nada", steps: [.word([.word("no")], optional: false), .word([.word("me"), .word("nos")], optional: true), .word([.wordClass("send_now")], optional: false), .word([.word("nada")], optional: false)]),
                PhrasePattern(source: "{stop_es} ..1 de {send_me}", steps: [.word([.wordClass("stop_es")], optional: false), .fillers(1), .word([.word("de")], optional: false), .word([.wordClass("send_me")], optional: false)]),
                PhrasePattern(source: "{stop_es} ..1 de {send_inf} ..3 {messaging}", steps: [.word([.wordClass("stop_es")], optional: false), .fillers(1), .word([.word("de")], optional: false), .word([.wordClass("send_inf")], optional: false), .fillers(3), .word([.wordClass("messaging")], optional: false)]),
                PhrasePattern(source: "{stop_es} de {send_inf} mas? $", steps: [.word([.wordClass("stop_es")], optional: false), .word([.word("de")], optional: false), .word([.wordClass("send_inf")], optional: false), .word([.word("mas")], optional: true), .end]),
                PhrasePattern(source: "no {want_es} ..3 {messaging}", steps: [.word([.word("no")], optional: false), .word([.wordClass("want_es")], optional: false), .fillers(3), .word([.wordClass("messaging")], optional: false)]),
                PhrasePattern(source: "no {want_es} que|q|k me|nos? {send_now}", steps: [.word([.word("no")], optional: false), .word([.wordClass("want_es")], optional: false), .word([.word("que"), .word("q"), .word("k")], optional: false), .word([.word("me"), .word("nos")], optional: true), .word([.wordClass("send_now")], optional: false)]),
                PhrasePattern(source: "no mas ..1 {messaging}", steps: [.word([.word("no")], optional: false), .word([.word("mas")], optional: false), .fillers(1), .word([.wordClass("messaging")], optional: false)]),
                PhrasePattern(source: "{halt_es} ..2 {messaging}", steps: [.word([.wordClass("halt_es")], optional: false), .fillers(2), .word([.wordClass("messaging")], optional: false)]),
                PhrasePattern(source: "{remove_me_es} ~3 lista|listas|sistema|{messaging}", steps: [.word([.wordClass("remove_me_es")], optional: false), .any(3), .word([.word("lista"), .word("listas"), .word("sistema"), .wordClass("messaging")], optional: false)]),
                PhrasePattern(source: "{remove_me_es} $", steps: [.word([.wordClass("remove_me_es")], optional: false), .end]),
                PhrasePattern(source: "me {remove_es} ~3 lista|listas|sistema|{messaging}", steps: [.word([.word("me")], optional: false), .word([.wordClass("remove_es")], optional: false), .any(3), .word([.word("lista"), .word("listas"), .word("sistema"), .wordClass("messaging")], optional: false)]),
                PhrasePattern(source: "{remove_es} mi numero|telefono|celular|cel ~3 lista|listas|sistema|{messaging}", steps: [.word([.wordClass("remove_es")], optional: false), .word([.word("mi")], optional: false), .word([.word("numero"), .word("telefono"), .word("celular"), .word("cel")], optional: false), .any(3), .word([.word("lista"), .word("listas"), .word("sistema"), .wordClass("messaging")], optional: false)]),
                PhrasePattern(source: "{baja_es} de baja", steps: [.word([.wordClass("baja_es")], optional: false), .word([.word("de")], optional: false), .word([.word("baja")], optional: false)]),
                PhrasePattern(source: "desuscrib*|desinscrib*|desubscrib*", steps: [.word([.prefix("desuscrib"), .prefix("desinscrib"), .prefix("desubscrib")], optional: false)]),
            ]
        ),
    ]
}
