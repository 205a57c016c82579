package dev.atrium.admin.invitation;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.text.DisplayText;

/** Reading a bulk invite file ({@code email,role}, header optional) and writing its result, both with Commons CSV. */
final class BulkInviteCsv {

    /** A line of the file as written: its number (from 1) and its first two cells. */
    record Line(long number, String email, String role) {
    }

    private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get();
    private static final CSVFormat WRITE = CSVFormat.RFC4180.builder().setHeader("email", "role", "outcome").get();
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    /**
     * Control characters no CSV of addresses holds (tab and line breaks aside): NUL, which PostgreSQL refuses in text,
     * is what a UTF-16 file without a byte order mark is full of when read as UTF-8.
     */
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]");
    /**
     * Cells are kept (in the preview and the job) at most this long: longer than any address or role name, so a cut
     * cell is still refused as the invalid address or unknown role it is, and recognisable by its start.
     */
    static final int MAX_CELL_LENGTH = InvitationService.MAX_ADDRESS_LENGTH + 1;

    private BulkInviteCsv() {
    }

    /**
     * The file's rows, without a header row ({@code email} and {@code role} as first cells, in any case), empty lines
     * and lines of empty cells.
     *
     * @throws InvitationException when the file is not UTF-8 text or CSV (control characters other than tab and line
     *         breaks included), or has more than {@code maxRows} rows
     */
    static List<Line> read(byte[] file, int maxRows) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
        } catch (CharacterCodingException e) {
            throw new InvitationException("bulk.not-utf8");
        }
        if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            text = text.substring(1);
        }
        if (CONTROL.matcher(text).find()) {
            throw new InvitationException("bulk.unreadable");
        }
        List<Line> lines = new ArrayList<>();
        boolean first = true;
        int position = 0;
        long line = 1;
        try (CSVParser parser = READ.parse(new StringReader(text))) {
            for (CSVRecord record : parser) {
                // A record's position is where the parser began reading it, before the empty lines it skipped.
                for (; position < text.length() && (position < record.getCharacterPosition()
                        || text.charAt(position) == '\r' || text.charAt(position) == '\n'); position++) {
                    line += text.charAt(position) == '\n' ? 1 : 0;
                }
                String email = record.size() > 0 ? DisplayText.abbreviate(record.get(0), MAX_CELL_LENGTH) : "";
                String role = record.size() > 1 ? DisplayText.abbreviate(record.get(1), MAX_CELL_LENGTH) : "";
                if (email.isEmpty() && role.isEmpty()) {
                    continue;
                }
                boolean header = first && isHeader(email, role);
                first = false;
                if (header) {
                    continue;
                }
                if (lines.size() == maxRows) {
                    throw new InvitationException("bulk.too-many-rows", maxRows);
                }
                lines.add(new Line(line, email, role));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new InvitationException("bulk.unreadable");
        }
        if (lines.isEmpty()) {
            throw new InvitationException("bulk.empty");
        }
        return lines;
    }

    /** Writes every row with its outcome (in the reader's words); cells a spreadsheet would run stay text. */
    static void write(List<BulkRow> rows, Function<BulkVerdict, String> worded, OutputStream out) {
        try {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(writer, WRITE);
            for (BulkRow row : rows) {
                csv.printRecord(Stream.of(row.email(), row.roleName(), worded.apply(row.verdict()))
                        .map(AuditLogService::neutralizeFormula));
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isHeader(String email, String role) {
        return "email".equalsIgnoreCase(email) && "role".equalsIgnoreCase(role);
    }
}
