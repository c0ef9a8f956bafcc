import Foundation
import HTTPTypes
import Testing

@Suite("/v1/patients, /v1/contacts and sendability")
struct RecipientRouteTests {
    @Test("a patient with a past date of birth and a US cell phone is created, normalised to E.164 and textable")
    func createPatient() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/patients", key: h.keys.sender,
                                          json: #"{"firstName":"Ana","lastName":"Diaz","dateOfBirth":"1984-03-09","cellPhone":"(555) 210-2001","email":"Ana@Example.org"}"#)
            #expect(r.status == .created, "\(r)")
            let id = try #require(r.json["id"] as? String)
            #expect(id.hasPrefix("pat"))
            #expect(r.headers[.location] == "/v1/patients/\(id)")
            #expect(r.json["kind"] as? String == "patient")
            #expect(r.json["cellPhone"] as? String == "+15552102001")
            #expect(r.json["email"] as? String == "ana@example.org")
            #expect(r.json["sendable"] as? [String] == ["sms", "email"])
            let got = try await client.call(.get, "/v1/patients/\(id)", key: h.keys.sender)
            #expect(got.status == .ok)
            #expect(got.json["dateOfBirth"] as? String == "1984-03-09")
        }
    }

    @Test("a patient without a date of birth is stored but not sendable, and sendability names what is missing")
    func incompletePatient() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/patients", key: h.keys.sender, json: #"{"firstName":"Bo","cellPhone":"555.210.2002"}"#)
            #expect(r.status == .created)
            #expect(r.json["sendable"] as? [String] == [])
            let id = try #require(r.json["id"] as? String)
            let s = try await client.call(.get, "/v1/recipients/\(id)/sendability", key: h.keys.sender)
            #expect(s.status == .ok)
            #expect(s.json["sendable"] as? Bool == false)
            #expect(s.json["kind"] as? String == "patient")
            let methods = try #require(s.json["methods"] as? [[String: Any]])
            #expect(methods.count == 2)
            #expect(methods[0]["method"] as? String == "sms")
            #expect(methods[0]["available"] as? Bool == false)
            #expect(methods[0]["missing"] as? [String] == ["dateOfBirth"])
            #expect(methods[1]["method"] as? String == "email")
            #expect(methods[1]["missing"] as? [String] == ["dateOfBirth", "email"])
        }
    }

    @Test("a contact needs a first and last name and a cell phone or e-mail")
    func contactSendability() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/contacts", key: h.keys.sender, json: #"{"firstName":"Cy","email":"cy@example.org"}"#)
            #expect(r.status == .created)
            let id = try #require(r.json["id"] as? String)
            #expect(id.hasPrefix("con"))
            let s = try await client.call(.get, "/v1/recipients/\(id)/sendability", key: h.keys.sender)
            let methods = try #require(s.json["methods"] as? [[String: Any]])
            #expect(methods[0]["missing"] as? [String] == ["lastName", "cellPhone"])
            #expect(methods[1]["missing"] as? [String] == ["lastName"])
            let p = try await client.call(.patch, "/v1/contacts/\(id)", key: h.keys.sender, json: #"{"lastName":"Ng"}"#)
            #expect(p.status == .ok)
            #expect(p.json["sendable"] as? [String] == ["email"])
            let again = try await client.call(.get, "/v1/recipients/\(id)/sendability", key: h.keys.sender)
            #expect(again.json["sendable"] as? Bool == true)
        }
    }

    @Test("a future, impossible or badly written date of birth is 422 invalid_field")
    func badDatesOfBirth() async throws {
        try await withServer { h, client in
            for dob in ["2999-01-01", "2023-02-30", "03/09/1984", "1984-3-9", "1850-01-01"] {
                let r = try await client.call(.post, "/v1/patients", key: h.keys.sender, json: "{\"dateOfBirth\":\"\(dob)\"}")
                #expect(r.status == .unprocessableContent, "\(dob): \(r)")
                #expect(r.errorCode == "invalid_field", "\(dob)")
                #expect((r.details["fields"] as? [String: Any])?["dateOfBirth"] != nil, "\(dob)")
            }
        }
    }

    @Test("a bad phone and a bad e-mail are both named in one 422 invalid_field")
    func everyInvalidFieldNamed() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/contacts", key: h.keys.sender, json: #"{"cellPhone":"call me","email":"nope"}"#)
            #expect(r.status == .unprocessableContent)
            #expect(r.errorCode == "invalid_field")
            let fields = try #require(r.details["fields"] as? [String: Any])
            #expect(Set(fields.keys) == ["cellPhone", "email"])
            #expect(try await client.call(.get, "/v1/contacts", key: h.keys.sender).json["items"] as? [Any] != nil)
            #expect((try await client.call(.get, "/v1/contacts", key: h.keys.sender).json["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("a field that is not a string is 400 invalid_field; an unknown one is 400 unknown_field; a non-object is 400 invalid_json")
    func malformedBodies() async throws {
        try await withServer { h, client in
            let typed = try await client.call(.post, "/v1/patients", key: h.keys.sender, json: #"{"firstName":7}"#)
            #expect(typed.status == .badRequest)
            #expect(typed.errorCode == "invalid_field")
            let unknown = try await client.call(.post, "/v1/patients", key: h.keys.sender, json: #"{"phone":"5552102001"}"#)
            #expect(unknown.status == .badRequest)
            #expect(unknown.errorCode == "unknown_field")
            let junk = try await client.call(.post, "/v1/patients", key: h.keys.sender, json: "not json")
            #expect(junk.status == .badRequest)
            #expect(junk.errorCode == "invalid_json")
        }
    }

    @Test("PATCH keeps absent fields, clears empty ones and validates the rest")
    func patchSemantics() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender, email: "ana@example.org")
            let cleared = try await client.call(.patch, "/v1/patients/\(id)", key: h.keys.sender, json: #"{"email":""}"#)
            #expect(cleared.status == .ok)
            #expect(cleared.json["email"] is NSNull)
            #expect(cleared.json["cellPhone"] as? String == "+15552102001")
            #expect(cleared.json["sendable"] as? [String] == ["sms"])
            let bad = try await client.call(.patch, "/v1/patients/\(id)", key: h.keys.sender, json: #"{"cellPhone":"12"}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.errorCode == "invalid_field")
            let still = try await client.call(.get, "/v1/patients/\(id)", key: h.keys.sender)
            #expect(still.json["cellPhone"] as? String == "+15552102001")
        }
    }

    @Test("GET lists patients and contacts separately")
    func lists() async throws {
        try await withServer { h, client in
            let p = try await client.makePatient(h.keys.sender)
            _ = try await client.call(.post, "/v1/contacts", key: h.keys.sender, json: #"{"firstName":"Cy","lastName":"Ng"}"#)
            let patients = try #require(try await client.call(.get, "/v1/patients", key: h.keys.sender).json["items"] as? [[String: Any]])
            #expect(patients.map { $0["id"] as? String } == [p])
            let contacts = try #require(try await client.call(.get, "/v1/contacts", key: h.keys.sender).json["items"] as? [[String: Any]])
            #expect(contacts.count == 1)
        }
    }

    @Test("DELETE removes a patient; it is then 404 patient_not_found")
    func delete() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            #expect(try await client.call(.delete, "/v1/patients/\(id)", key: h.keys.sender).status == .noContent)
            for method in [HTTPRequest.Method.get, .delete, .patch] {
                let r = try await client.call(method, "/v1/patients/\(id)", key: h.keys.sender, json: method == .patch ? "{}" : nil)
                #expect(r.status == .notFound, "\(method)")
                #expect(r.errorCode == "patient_not_found", "\(method)")
            }
        }
    }

    @Test("a patient's id under /v1/contacts is 404 contact_not_found")
    func kindMismatch() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            let r = try await client.call(.get, "/v1/contacts/\(id)", key: h.keys.sender)
            #expect(r.status == .notFound)
            #expect(r.errorCode == "contact_not_found")
            let d = try await client.call(.delete, "/v1/contacts/nope", key: h.keys.sender)
            #expect(d.errorCode == "contact_not_found")
            let p = try await client.call(.patch, "/v1/contacts/nope", key: h.keys.sender, json: "{}")
            #expect(p.errorCode == "contact_not_found")
        }
    }

    @Test("sendability of an unknown id is 404 recipient_not_found")
    func sendabilityNotFound() async throws {
        try await withServer { h, client in
            let r = try await client.call(.get, "/v1/recipients/nobody/sendability", key: h.keys.sender)
            #expect(r.status == .notFound)
            #expect(r.errorCode == "recipient_not_found")
        }
    }
}
