package dev.atrium.admin.member.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.shared.Registration;

import dev.atrium.admin.member.MemberRuleException;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Feedback;

/**
 * "Leave workspace", after a confirmation. The page decides where to go once the member has left. A composite, not a
 * subclass of Button: every component class in the page with dependencies of its own, as a Button's subclass inherits,
 * costs each UI an entry in its list of loaded dependencies.
 */
public class LeaveWorkspaceButton extends Composite<Button> {

    public static final String ID = "leave-workspace";
    public static final String CONFIRM_ID = "confirm-leave";

    public LeaveWorkspaceButton(MemberService members, TenantScope scope) {
        getContent().setText(getTranslation("member.leave"));
        setId(ID);
        getContent().addClickListener(e -> {
            ConfirmDialog dialog = Feedback.confirm(CONFIRM_ID, getTranslation("member.leave"),
                    getTranslation("member.leave.question", scope.workspaceName()), getTranslation("member.leave"),
                    () -> leave(members, scope));
            dialog.setConfirmButtonTheme("error primary");
            dialog.open();
        });
    }

    private void leave(MemberService members, TenantScope scope) {
        try {
            members.leave(scope);
            Feedback.success(getTranslation("member.leave.done", scope.workspaceName()));
            fireEvent(new LeftEvent(this));
        } catch (MemberRuleException e) {
            Feedback.refusal(e);
        }
    }

    public Registration addLeftListener(ComponentEventListener<LeftEvent> listener) {
        return addListener(LeftEvent.class, listener);
    }

    /** The member has left the workspace; it is no longer theirs to show. */
    public static class LeftEvent extends ComponentEvent<LeaveWorkspaceButton> {
        LeftEvent(LeaveWorkspaceButton source) {
            super(source, true);
        }
    }
}
