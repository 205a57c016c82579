package dev.atrium.app.ui;

import com.vaadin.flow.spring.annotation.SpringComponent;
import com.vaadin.flow.spring.annotation.UIScope;

import dev.atrium.admin.tenancy.TenantScope;

/** The workspace this browser tab works in, bound by {@link WorkspaceLayout} on every navigation. */
@SpringComponent
@UIScope
public class CurrentWorkspace {

    private TenantScope scope;

    void bind(TenantScope scope) {
        this.scope = scope;
    }

    public TenantScope scope() {
        if (scope == null) {
            throw new IllegalStateException("No workspace is bound to this UI");
        }
        return scope;
    }
}
