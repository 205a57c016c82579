package dev.atrium.admin.samlidp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;
import org.w3c.dom.Document;

import com.onelogin.saml2.util.Constants;
import com.onelogin.saml2.util.Util;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.atrium.admin.sso.SamlCredential;

/**
 * A small SAML identity provider in the test JVM, on the loopback interface: {@code /metadata} serves its metadata,
 * {@code /sso} takes an AuthnRequest by HTTP-Redirect and answers with a page that posts a SAMLResponse to the
 * request's ACS URL (the POST binding), for {@link #signInAs the person} set last. Responses carry one assertion signed
 * with the IdP's test key by Apache Santuario (java-saml-core's {@link Util#addSign}) — or, for tests of the checks, a
 * deliberately {@link Flaw flawed} one.
 */
public final class TestSamlIdp implements AutoCloseable {

    /** What is wrong with a response, on purpose. */
    public enum Flaw {
        /** Nothing: a signed assertion, for the requesting SP, addressed to its ACS, valid now. */
        NONE,
        /** The same, but the response around the signed assertion is signed too. */
        SIGNED_RESPONSE_TOO,
        /** No signature at all. */
        UNSIGNED,
        /** Only the response is signed; the assertion inside is not. */
        ONLY_RESPONSE_SIGNED,
        /** Signed with a key that is not the one in the metadata. */
        FOREIGN_KEY,
        /** For another service provider's entity id. */
        WRONG_AUDIENCE,
        /** Its time window closed ten minutes ago (beyond any clock skew). */
        EXPIRED,
        /** Its subject confirmation names another recipient than the ACS it is posted to. */
        WRONG_RECIPIENT
    }

    /** Who signs in at the IdP. */
    public record Person(String nameId, String email, String displayName, List<String> groups, List<String> authnContextClassRefs) {

        public static Person of(String email) {
            return new Person(email, email, email.substring(0, email.indexOf('@')), List.of(),
                    List.of("urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"));
        }
    }

    /** An AuthnRequest as the IdP received it. */
    public record Request(String id, String acsUrl, String issuer, @Nullable String relayState, String xml) {
    }

    private final HttpServer server;
    private final String base;
    private final @Nullable String claimedEntityId;
    private final SamlCredential credential = SamlCredential.generate("Atrium test IdP", Instant.now());
    private final SamlCredential foreign = SamlCredential.generate("Someone else", Instant.now());
    private final AtomicReference<Person> person = new AtomicReference<>(Person.of("someone@example.test"));
    private final AtomicReference<@Nullable String> lastResponse = new AtomicReference<>();

    private TestSamlIdp(String path, @Nullable String claimedEntityId) throws IOException {
        this.claimedEntityId = claimedEntityId;
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        // "localhost", as the app is reached in tests: the browser then posts to the ACS within the same site.
        base = "http://localhost:" + server.getAddress().getPort() + path;
        server.createContext(path + "/metadata", exchange -> send(exchange, 200, "application/samlmetadata+xml", metadataXml()));
        server.createContext(path + "/sso", this::signOn);
        server.start();
    }

    /** A new IdP on a free port; {@code name} makes its entity id (and paths) distinct. */
    public static TestSamlIdp start(String name) {
        return start(name, null);
    }

    /**
     * An IdP of someone else's that names itself with another IdP's entity id (which anyone can read from that IdP's
     * metadata) and signs with its own key.
     */
    public static TestSamlIdp posingAs(String entityId, String name) {
        return start(name, entityId);
    }

    private static TestSamlIdp start(String name, @Nullable String claimedEntityId) {
        try {
            return new TestSamlIdp("/" + name, claimedEntityId);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String entityId() {
        return claimedEntityId == null ? base : claimedEntityId;
    }

    public String metadataUrl() {
        return base + "/metadata";
    }

    public String ssoUrl() {
        return base + "/sso";
    }

    /** The person the browser flow signs in next. */
    public void signInAs(Person next) {
        person.set(next);
    }

    /** The last SAMLResponse this IdP sent through a browser, for replaying it. */
    public @Nullable String lastResponse() {
        return lastResponse.get();
    }

    public String metadataXml() {
        return """
                <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="%s">
                  <md:IDPSSODescriptor WantAuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
                    <md:KeyDescriptor use="signing">
                      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>%s</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
                    </md:KeyDescriptor>
                    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
                    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="%s"/>
                    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="%s"/>
                  </md:IDPSSODescriptor>
                </md:EntityDescriptor>
                """.formatted(entityId(), credential.certificateBase64(), ssoUrl() + "/post", ssoUrl());
    }

    /** Reads the AuthnRequest (and RelayState) from the redirect an SP sent the browser to. */
    public Request request(String redirectLocation) {
        Map<String, String> query = query(URI.create(redirectLocation).getRawQuery());
        String xml = Util.base64decodedInflated(query.get("SAMLRequest"));
        Document document = Util.loadXML(xml);
        String issuer = document.getElementsByTagNameNS(Constants.NS_SAML, "Issuer").item(0).getTextContent();
        return new Request(document.getDocumentElement().getAttribute("ID"),
                document.getDocumentElement().getAttribute("AssertionConsumerServiceURL"), issuer, query.get("RelayState"), xml);
    }

    /** The base64 SAMLResponse the IdP answers the request with. */
    public String answer(Request request, Person who, Flaw flaw) {
        return response(request.acsUrl(), request.issuer(), request.id(), who, flaw);
    }

    /** An IdP-initiated response, which no AuthnRequest asked for. */
    public String unsolicited(String acsUrl, String spEntityId, Person who) {
        return response(acsUrl, spEntityId, null, who, Flaw.NONE);
    }

    private String response(String acsUrl, String audience, @Nullable String inResponseTo, Person who, Flaw flaw) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant validFrom = flaw == Flaw.EXPIRED ? now.minus(Duration.ofMinutes(20)) : now.minus(Duration.ofMinutes(1));
        Instant validUntil = flaw == Flaw.EXPIRED ? now.minus(Duration.ofMinutes(10)) : now.plus(Duration.ofMinutes(5));
        String inResponse = inResponseTo == null ? "" : " InResponseTo=\"" + HtmlUtils.htmlEscape(inResponseTo) + "\"";
        String assertion = """
                <saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="_a%s" Version="2.0" IssueInstant="%s">\
                <saml:Issuer>%s</saml:Issuer>\
                <saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">%s</saml:NameID>\
                <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">\
                <saml:SubjectConfirmationData NotOnOrAfter="%s" Recipient="%s"%s/></saml:SubjectConfirmation></saml:Subject>\
                <saml:Conditions NotBefore="%s" NotOnOrAfter="%s"><saml:AudienceRestriction><saml:Audience>%s</saml:Audience>\
                </saml:AudienceRestriction></saml:Conditions>\
                <saml:AuthnStatement AuthnInstant="%s" SessionIndex="_s%s"><saml:AuthnContext>%s</saml:AuthnContext></saml:AuthnStatement>\
                <saml:AttributeStatement>%s%s%s</saml:AttributeStatement>\
                </saml:Assertion>""".formatted(id(), time(validFrom), xml(entityId()), xml(who.nameId()), time(validUntil),
                xml(flaw == Flaw.WRONG_RECIPIENT ? acsUrl.replace("/acs", "/other-acs") : acsUrl), inResponse, time(validFrom),
                time(validUntil), xml(flaw == Flaw.WRONG_AUDIENCE ? audience + "/someone-else" : audience), time(validFrom), id(),
                String.join("", who.authnContextClassRefs().stream()
                        .map(ref -> "<saml:AuthnContextClassRef>" + xml(ref) + "</saml:AuthnContextClassRef>").toList()),
                attribute("email", List.of(who.email())), attribute("displayName", List.of(who.displayName())),
                who.groups().isEmpty() ? "" : attribute("groups", who.groups()));
        if (flaw != Flaw.UNSIGNED && flaw != Flaw.ONLY_RESPONSE_SIGNED) {
            assertion = sign(assertion, flaw == Flaw.FOREIGN_KEY ? foreign : credential);
        }
        String response = """
                <samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" \
                ID="_r%s" Version="2.0" IssueInstant="%s" Destination="%s"%s>\
                <saml:Issuer>%s</saml:Issuer>\
                <samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>\
                %s</samlp:Response>""".formatted(id(), time(now), xml(acsUrl), inResponse, xml(entityId()), assertion);
        if (flaw == Flaw.SIGNED_RESPONSE_TOO || flaw == Flaw.ONLY_RESPONSE_SIGNED) {
            response = sign(response, credential);
        }
        return Util.base64encoder(response);
    }

    /** Signs the document's root (the element whose Issuer comes first) with an enveloped RSA-SHA256 signature. */
    private static String sign(String xml, SamlCredential key) {
        try {
            String signed = Util.addSign(Util.loadXML(xml), key.privateKey(), key.certificate(), Constants.RSA_SHA256, Constants.SHA256);
            return signed.replaceFirst("^<\\?xml[^>]*\\?>", "");
        } catch (Exception e) {
            throw new IllegalStateException("Could not sign the test response", e);
        }
    }

    private void signOn(HttpExchange exchange) throws IOException {
        Request request = request(exchange.getRequestURI().toString());
        String samlResponse = answer(request, person.get(), Flaw.NONE);
        lastResponse.set(samlResponse);
        String relayState = request.relayState() == null ? ""
                : "<input type=\"hidden\" name=\"RelayState\" value=\"" + HtmlUtils.htmlEscape(request.relayState()) + "\">";
        send(exchange, 200, "text/html;charset=utf-8", """
                <!DOCTYPE html><html><head><title>Test IdP</title></head><body onload="document.forms[0].submit()">
                <form method="post" action="%s"><input type="hidden" name="SAMLResponse" value="%s">%s
                <noscript><button type="submit">Continue</button></noscript></form></body></html>
                """.formatted(HtmlUtils.htmlEscape(request.acsUrl()), samlResponse, relayState));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String attribute(String name, List<String> values) {
        return "<saml:Attribute Name=\"" + xml(name) + "\" NameFormat=\"urn:oasis:names:tc:SAML:2.0:attrname-format:basic\">"
                + String.join("", values.stream()
                        .map(value -> "<saml:AttributeValue xsi:type=\"xs:string\">" + xml(value) + "</saml:AttributeValue>").toList())
                + "</saml:Attribute>";
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            values.put(Util.urlDecoder(pair.substring(0, equals)), Util.urlDecoder(pair.substring(equals + 1)));
        }
        return values;
    }

    private static String id() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static String xml(String text) {
        return HtmlUtils.htmlEscape(text);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
