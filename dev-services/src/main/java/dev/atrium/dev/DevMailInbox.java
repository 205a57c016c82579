package dev.atrium.dev;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * {@code /dev/mail}: the local SMTP sink's inbox, newest first — to, subject, when, the links (clickable) and the
 * plain text — so that invitation e-mails can be followed in development. It exists only while the sink runs (it is
 * imported with it), never in production (this module is not in the production jar), and like every page it is for
 * signed-in people.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class DevMailInbox {

    static final String PATH = "/dev/mail";

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private final GreenMail sink;

    DevMailInbox(GreenMail devMailSink) {
        this.sink = devMailSink;
    }

    /**
     * Lets signed-in people open the inbox: the application's security denies paths it does not know. A top-level
     * customizer (Spring Security 7) is applied before the application's own rules, so this one is decided first.
     */
    @Bean
    static Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> devMailInboxForSignedInPeople() {
        return requests -> requests.requestMatchers(HttpMethod.GET, PATH).authenticated();
    }

    @GetMapping(path = PATH, produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String inbox() throws MessagingException, IOException {
        List<MimeMessage> mails = new ArrayList<>(Arrays.asList(sink.getReceivedMessages()));
        mails.sort(Comparator.comparing(DevMailInbox::sent, Comparator.nullsFirst(Comparator.naturalOrder())).reversed());
        StringBuilder page = new StringBuilder("""
                <!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>Development inbox</title></head>
                <body style="font-family:sans-serif;margin:2rem"><h1>Development inbox</h1>
                <p>Mails the local SMTP sink received since the application started (development only).</p>
                """);
        if (mails.isEmpty()) {
            page.append("<p id=\"dev-mail-empty\">No mail yet.</p>");
        }
        page.append("<table id=\"dev-mail\" style=\"border-collapse:collapse\"><thead><tr><th>Time</th><th>To</th>"
                + "<th>Subject</th><th>Links</th><th>Text</th></tr></thead><tbody>");
        for (MimeMessage mail : mails) {
            String text = plainText(mail);
            page.append("<tr class=\"dev-mail-row\" style=\"vertical-align:top;border-top:1px solid #ccc\">")
                    .append(cell(sent(mail) == null ? "" : TIME.format(sent(mail).toInstant().atOffset(ZoneOffset.UTC))))
                    .append(cell(String.join(", ", Arrays.stream(mail.getAllRecipients() == null ? new Address[0]
                            : mail.getAllRecipients()).map(Address::toString).toList())))
                    .append(cell(mail.getSubject() == null ? "" : mail.getSubject()))
                    .append("<td>");
            Matcher links = LINK.matcher(text);
            while (links.find()) {
                String link = HtmlUtils.htmlEscape(links.group());
                page.append("<a class=\"dev-mail-link\" href=\"").append(link).append("\">").append(link).append("</a><br>");
            }
            page.append("</td><td><details><summary>Show</summary><pre style=\"white-space:pre-wrap\">")
                    .append(HtmlUtils.htmlEscape(text)).append("</pre></details></td></tr>");
        }
        return page.append("</tbody></table></body></html>").toString();
    }

    private static String cell(String text) {
        return "<td style=\"padding:0.25rem 0.75rem\">" + HtmlUtils.htmlEscape(text) + "</td>";
    }

    private static @Nullable Date sent(MimeMessage mail) {
        try {
            return mail.getSentDate();
        } catch (MessagingException e) {
            return null;
        }
    }

    /** The mail's plain text: the whole body of a simple mail, the text/plain part of a multipart one. */
    private static String plainText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String text = plainText(child);
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }
}
