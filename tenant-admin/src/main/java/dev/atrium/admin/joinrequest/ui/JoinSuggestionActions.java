package dev.atrium.admin.joinrequest.ui;

import java.util.UUID;

import com.vaadin.flow.component.UI;

import dev.atrium.admin.joinrequest.JoinRequestException;
import dev.atrium.admin.joinrequest.JoinRequestService;
import dev.atrium.admin.joinrequest.JoinResult;
import dev.atrium.admin.joinrequest.JoinSuggestion;
import dev.atrium.admin.ui.Feedback;

/**
 * What choosing "Request to join" or "Join" does, wherever the suggestion is shown (the welcome page, the
 * create-workspace dialog, the header's workspace switcher): the service decides; a joined person is taken to the
 * workspace, a requester is told the request was sent, a refusal is shown.
 */
public final class JoinSuggestionActions {

    private JoinSuggestionActions() {
    }

    /**
     * Acts on the suggestion for the account: a workspace that requires its single sign-on is joined by signing in
     * there. When the person stays on the page, the caller shows the suggestions again.
     */
    public static void choose(JoinRequestService joins, UUID accountId, JoinSuggestion suggestion) {
        UI ui = UI.getCurrent();
        if (suggestion.ssoPath() != null) {
            ui.getPage().setLocation(suggestion.ssoPath());
            return;
        }
        try {
            if (joins.requestToJoin(accountId, suggestion.workspaceId()) == JoinResult.JOINED) {
                ui.getPage().setLocation("w/" + suggestion.slug());
                return;
            }
            Feedback.success(ui.getTranslation("joinrequest.request.sent", suggestion.workspaceName()));
        } catch (JoinRequestException e) {
            Feedback.refusal(e);
        }
    }
}
