package dev.atrium.app.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.atrium.admin.invitation.PublicUrl;

/**
 * Links as people reach Atrium: {@code atrium.public-url} when set (behind a proxy, or for links made outside a
 * request), else the scheme, host and port of the current request.
 */
@Component
class RequestPublicUrl implements PublicUrl {

    private final String configured;

    RequestPublicUrl(@Value("${atrium.public-url:}") String configured) {
        this.configured = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    @Override
    public String of(String path) {
        if (StringUtils.hasText(configured)) {
            return configured + path;
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).toUriString();
    }
}
