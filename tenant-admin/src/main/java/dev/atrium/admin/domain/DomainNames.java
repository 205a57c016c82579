package dev.atrium.admin.domain;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.atrium.admin.text.DisplayText;

/**
 * How a typed domain becomes the one stored, and which are refused. Deliberately simple rules (README, Verified
 * domains): lower case, international names as ASCII ({@link IDN}), no trailing dot; at least two labels of letters,
 * digits and inner hyphens; no IP address; not a bare public suffix of the common {@code co.uk} kind; not a blocked
 * domain or a name under one.
 */
public final class DomainNames {

    private static final int MAX_LENGTH = 253;
    /** Dotted digits (IPv4), or hex digits with colons (IPv6, bracketed or not). */
    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9.]+|\\[?(?=[0-9a-fA-F.]*:)[0-9a-fA-F:.]+]?");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TOP_LEVEL = Pattern.compile("(?=.*[a-z])[a-z0-9-]{2,63}");
    /**
     * Second-level labels that countries' registries hand out under, such as {@code co.uk} or {@code com.au}: two
     * labels ending in a country code with one of these is a public suffix, not a domain anyone owns. Not the Public
     * Suffix List: the common cases only.
     */
    private static final Set<String> REGISTRY_LABELS = Set.of("co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go", "ltd", "plc");

    private DomainNames() {
    }

    /**
     * A domain name as it would be stored, to compare with stored ones (lower case, ASCII, no trailing dot); empty
     * when it is no valid international domain name. For names that come from sign-ins, not from admins: nothing is
     * refused here, a name simply matches no verified domain.
     */
    public static Optional<String> comparable(String name) {
        String trimmed = name.strip();
        if (trimmed.endsWith(".")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            String ascii = IDN.toASCII(trimmed, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            return ascii.isEmpty() ? Optional.empty() : Optional.of(ascii);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** @throws DomainException when the name is refused */
    public static String normalise(String typed, List<String> blocked) {
        String trimmed = typed.strip();
        if (trimmed.isEmpty()) {
            throw new DomainException("domain.missing");
        }
        if (trimmed.endsWith(".")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (IP_ADDRESS.matcher(trimmed).matches()) {
            throw new DomainException("domain.ip-address", typed.strip());
        }
        String ascii;
        try {
            ascii = IDN.toASCII(trimmed, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new DomainException("domain.invalid", DisplayText.abbreviate(typed.strip(), DisplayText.MAX_ECHOED_LENGTH));
        }
        String[] labels = ascii.split("\\.", -1);
        if (ascii.length() > MAX_LENGTH || labels.length < 2
                || !List.of(labels).stream().allMatch(label -> LABEL.matcher(label).matches())
                || !TOP_LEVEL.matcher(labels[labels.length - 1]).matches()) {
            throw new DomainException("domain.invalid", DisplayText.abbreviate(typed.strip(), DisplayText.MAX_ECHOED_LENGTH));
        }
        if (labels.length == 2 && labels[1].length() == 2 && REGISTRY_LABELS.contains(labels[0])) {
            throw new DomainException("domain.public-suffix", ascii);
        }
        for (String block : blocked) {
            if (ascii.equals(block) || ascii.endsWith("." + block)) {
                throw new DomainException("domain.blocked", ascii);
            }
        }
        return ascii;
    }
}
