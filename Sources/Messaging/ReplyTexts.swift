/// The three automatic replies in one language.
public struct ReplyTexts: Sendable, Equatable {
    /// Reply to an opt-out: one confirmation, no marketing, how to come back and get help.
    public var optOut: String
    /// Reply to an opt-in.
    public var optIn: String
    /// Reply to a help request: name, contact, frequency, rates, how to opt out.
    public var help: String

    /// Replies; each may use `{practice}`, `{phone}` and `{number}`.
    public init(optOut: String, optIn: String, help: String) {
        self.optOut = optOut; self.optIn = optIn; self.help = help
    }

    /// The English defaults.
    public static let english = ReplyTexts(
        optOut: "{practice}: you are unsubscribed and will receive no more texts from this number. Reply START to resubscribe.",
        optIn: "{practice}: you are subscribed to texts again. Msg & data rates may apply. Reply STOP to opt out, HELP for help.",
        help: "{practice}: call us at {phone}. Appointment and care texts; frequency varies. Msg & data rates may apply. Reply STOP to opt out.")

    /// The Spanish defaults: the opt-out confirmation says how to come back (INICIO) and how to
    /// get help (AYUDA), as Twilio's Spanish sample does.
    public static let spanish = ReplyTexts(
        optOut: "{practice}: se ha dado de baja y no recibirá más mensajes de este número. Responda INICIO para volver a recibirlos. Envíe AYUDA para asistencia.",
        optIn: "{practice}: volverá a recibir mensajes. Pueden aplicarse tarifas de mensajes y datos. Responda ALTO para no recibir más, AYUDA para asistencia.",
        help: "{practice}: llámenos al {phone}. Mensajes sobre citas y atención; la frecuencia varía. Pueden aplicarse tarifas de mensajes y datos. Responda ALTO para no recibir más.")
}
