import Testing
import Rules

@Suite("Content carriers filter, told apart from care on the same subjects")
struct CarrierContentTests {
    /// Categories whose findings say nothing about a text's content.
    static let notContent: Set<String> = ["all-caps", "off-domain-link", "opt-out-keyword"]

    @Test("a filtered text is flagged in its category", arguments: [
        ("You have won a $1,000 gift card! Claim your prize today.", "sweepstakes"),
        ("¡Felicidades! Usted ganó el sorteo. Reclame su premio.", "sweepstakes"),
        ("To collect your reward call 09061701461 from a landline.", "premium-rate"),
        ("Text TONE to 87131 for new tones every week.", "premium-rate"),
        ("Hot singles in your area want to chat tonight.", "adult"),
        ("Chicas calientes en tu zona quieren conocerte.", "adult"),
        ("Liquor delivered to your door in 30 minutes, order now.", "alcohol"),
        ("Disposable vapes 2 for 1, all flavors in stock.", "tobacco"),
        ("AR-15 rifles on sale, ammo in stock.", "firearms"),
        ("Get 100 free spins at our online casino.", "gambling"),
        ("Play blackjack at LuckyStar Casino tonight.", "gambling"),
        ("You have won our weekly prize draw! Reply CLAIM.", "sweepstakes"),
        ("You've won our $500 gift card: reply YES.", "sweepstakes"),
        ("Payday loans approved in minutes, no credit check.", "lending"),
        ("Préstamos rápidos sin revisión de crédito.", "lending"),
        ("Work from home and double your money with crypto.", "get-rich-quick"),
        ("Your account has been suspended. Verify at secure-check.com.", "phishing"),
        ("Su paquete no pudo ser entregado: pague la tarifa de reenvío.", "phishing"),
        ("Oxys and percs shipped overnight, discreet packaging.", "controlled-substance"),
        ("Compounded semaglutide only $149 a month.", "rx-offer"),
        ("Viagra y Cialis sin receta, envío gratis.", "rx-offer"),
        ("Consiga su receta de Ozempic sin ver al médico.", "rx-offer"),
        ("Oferta por tiempo limitado: blanqueamiento dental.", "promotional"),
        ("¡Obtenga 50% de descuento en limpiezas!", "promotional"),
        ("Aceite con cannabinoides y extracto de cáñamo.", "cannabis"),
    ])
    func flagged(text: String, category: String) throws {
        let found = try Package.defaultRules().check(text).findings.map(\.category)
        #expect(found.contains(category), "\(text) → \(found)")
    }

    @Test("a care message on the same subject passes without a content finding", arguments: [
        "Avoid alcohol for 24 hours before your procedure.",
        "Your STI results are ready in the patient portal.",
        "Store firearms locked and unloaded; ask us for a free gun lock.",
        "Join our free smoking-cessation class on Thursdays.",
        "Your semaglutide prescription was sent to CVS.",
        "Your Ozempic copay is $25 at the pharmacy.",
        "If gambling is causing problems, call (201) 555-0100.",
        "Your balance of $120 is due; ask us about a payment plan.",
        "Your statement is ready. Pay at riversidefamilymed.com/pay.",
        "Your urine drug screen was negative for cocaine.",
        "We have open slots this week for flu shots.",
        "Our new office is across from the casino; the casino bus stops at our door.",
        "You've won our most-improved-patient award this year. Congratulations!",
        "Congratulations on your new baby!",
        "Your appointment is at 2pm; parking is $2 per hour.",
        "Evite el alcohol 24 horas antes de su procedimiento.",
        "Si su prueba sale positiva, le enviaremos la receta a su farmacia.",
        "Su appointment es mañana a las 10 AM. Please bring your insurance card.",
        "Puede tomar acetaminofén de venta libre para la fiebre.",
        "La red de proveedores de su seguro incluye a nuestra clínica.",
    ])
    func carePasses(text: String) throws {
        let found = try Package.defaultRules().check(text).findings.filter { !Self.notContent.contains($0.category) }
        #expect(found.isEmpty, "\(text) → \(found.map { "\($0.rule): \($0.match)" })")
    }

    @Test("content carriers block outright is an error; restricted content is a warning")
    func severities() throws {
        let rules = try Package.defaultRules()
        let blocked: Set<String> = ["cannabis", "adult", "phishing", "controlled-substance", "rx-offer"]
        let restricted: Set<String> = ["sweepstakes", "premium-rate", "alcohol", "tobacco", "firearms", "gambling",
                                       "lending", "get-rich-quick", "weight-loss", "promotional"]
        // phishing-link warns on the shape of an alert with a link: a pattern cannot tell the
        // practice's own domain, so an error would block a practice's own billing texts.
        for rule in rules.rules where blocked.contains(rule.category) && rule.id != "phishing-link" {
            #expect(rule.severity == .error, "\(rule.id)")
        }
        for rule in rules.rules where restricted.contains(rule.category) {
            #expect(rule.severity == .warning, "\(rule.id)")
        }
    }

    @Test("every content rule gives its examples in English and Spanish")
    func bilingualExamples() throws {
        let spanish = ["á", "é", "í", "ó", "ú", "ñ", "¿", "¡", " su ", " el ", " la ", " de ", " en "]
        for rule in try Package.defaultRules().rules where rule.kind.name == "terms" || rule.kind.name == "near" {
            let hasSpanish = { (examples: [Example]) in
                examples.contains { e in spanish.contains { (" " + e.text.lowercased() + " ").contains($0) } }
            }
            #expect(hasSpanish(rule.flagExamples), "\(rule.id) has no Spanish flag example")
            #expect(hasSpanish(rule.passExamples), "\(rule.id) has no Spanish pass example")
        }
    }
}
