package dev.atrium.admin.domain;

import java.util.List;

/**
 * The DNS boundary of domain verification: the TXT values published at a name. The library's implementation is
 * {@link DnsjavaTxtLookup}; a host may define its own bean.
 */
public interface DomainTxtLookup {

    /**
     * Every TXT value at the name (each record's strings joined); empty when the name or its TXT records do not exist.
     *
     * @throws LookupFailedException when DNS gave no definite answer (timeout, server failure): nothing is known
     */
    List<String> txtValues(String name);

    /** DNS could not say whether the record exists. */
    class LookupFailedException extends RuntimeException {

        public LookupFailedException(String message, Throwable cause) {
            super(message, cause);
        }

        public LookupFailedException(String message) {
            super(message);
        }
    }
}
