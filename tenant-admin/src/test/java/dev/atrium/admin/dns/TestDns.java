package dev.atrium.admin.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * A DNS server in the test JVM: answers TXT queries over UDP on 127.0.0.1 from what tests {@link #publish}, with
 * dnsjava's message classes; any other name is NXDOMAIN. Point {@code atrium.domains.dns-server} at {@link #address()}.
 */
public final class TestDns implements AutoCloseable {

    private final DatagramSocket socket;
    private final Map<String, List<String>> txt = new ConcurrentHashMap<>();
    private final Thread thread;

    public TestDns() {
        try {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        } catch (SocketException e) {
            throw new IllegalStateException("No UDP port for the test DNS server", e);
        }
        thread = Thread.ofPlatform().daemon().name("test-dns").start(this::serve);
    }

    /** {@code host:port}, for {@code atrium.domains.dns-server}. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** Adds a TXT value at the name (no trailing dot). */
    public void publish(String name, String value) {
        txt.computeIfAbsent(key(name), k -> new CopyOnWriteArrayList<>()).add(value);
    }

    /** Removes every TXT value at the name. */
    public void withdraw(String name) {
        txt.remove(key(name));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                byte[] answer = answer(new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()))).toWire(512);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // Closed, or a malformed query: nothing to answer.
            }
        }
    }

    private Message answer(Message query) {
        Record question = query.getQuestion();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(question, Section.QUESTION);
        List<String> values = txt.get(key(question.getName().toString()));
        if (values == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        } else if (question.getType() == Type.TXT) {
            Name name = question.getName();
            values.forEach(value -> response.addRecord(new TXTRecord(name, DClass.IN, 60, value), Section.ANSWER));
        }
        return response;
    }

    @Override
    public void close() {
        socket.close();
        thread.interrupt();
    }
}
