package dev.atrium.admin.invitation;

/** Absolute URLs of the application as people reach it, for links sent by e-mail. The app provides it. */
@FunctionalInterface
public interface PublicUrl {

    /** @param path an absolute path such as {@code /invite/abc} */
    String of(String path);
}
