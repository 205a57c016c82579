package dev.atrium.admin.api;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.vaadin.flow.i18n.I18NProvider;

import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantScope;

/** The permission catalog: every permission a role can hold, named in the caller's language. */
@RestController
@RequestMapping(path = "/api/v1/permissions", produces = "application/json")
class PermissionsApi {

    private final RoleService roles;
    private final I18NProvider translations;

    PermissionsApi(RoleService roles, I18NProvider translations) {
        this.roles = roles;
        this.translations = translations;
    }

    record PermissionView(String key, String area, Set<String> builtInRoles, String name, String description) {
    }

    @Operation(summary = "List the permission catalog", description = "Every permission a role can hold, with its area, the built-in roles that hold it, and its name and description in the Accept-Language.", responses = {
            @ApiResponse(responseCode = "200", description = "The catalog") })
    @GetMapping
    List<PermissionView> list(@AuthenticationPrincipal TenantScope scope, Locale locale) {
        return roles.catalog(scope).stream().map(permission -> new PermissionView(permission.key(), permission.area(),
                permission.builtInRoles(), translations.getTranslation(permission.nameKey(), locale),
                translations.getTranslation(permission.descriptionKey(), locale))).toList();
    }
}
