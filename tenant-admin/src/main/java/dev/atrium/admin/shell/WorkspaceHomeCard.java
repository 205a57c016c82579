package dev.atrium.admin.shell;

import java.util.Optional;

import com.vaadin.flow.component.Component;

import dev.atrium.admin.tenancy.TenantScope;

/**
 * A card a host application adds to every workspace's home page ({@link WorkspaceHomeView}), as a Spring bean: e.g.
 * a summary of its own data with a link to its page. Cards appear in bean order, after the workspace's facts.
 */
public interface WorkspaceHomeCard {

    /** The card for the bound workspace, or empty when the acting member may not see it. */
    Optional<Component> card(TenantScope scope);
}
