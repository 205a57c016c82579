package dev.atrium.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Set;

import org.jspecify.annotations.NullMarked;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import dev.atrium.admin.member.Memberships;
import dev.atrium.admin.tenancy.InviteeScope;
import dev.atrium.admin.tenancy.TenantBinder;

/**
 * The boundaries README's Architecture describes, checked on the production classes of every module (the app's test
 * classpath holds them all): no package cycles, the permission check depending only on tenancy, generated jOOQ types
 * only in repositories and tenancy, no Vaadin components in the domain, and every package null-marked. A dependency
 * javac inlines (a compile-time constant of another class) is not in the bytecode, so these rules cannot see it.
 */
@AnalyzeClasses(packages = "dev.atrium", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** jOOQ's generated classes: Atrium's (db) and a host's (here the sample app's). */
    private static final String GENERATED = "dev.atrium.*.jooq..";

    /** A class is a repository when it, or the class it is nested in, is named *Repository. */
    private static final DescribedPredicate<JavaClass> REPOSITORIES = DescribedPredicate.describe(
            "are repositories (named *Repository)",
            c -> c.getName().replaceFirst("\\$.*", "").endsWith("Repository"));

    @ArchTest
    static final ArchRule modulesAreFreeOfCycles =
            slices().matching("dev.atrium.(*)..").namingSlices("module $1").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule domainPackagesAreFreeOfCycles =
            slices().matching("dev.atrium.admin.(*)..").namingSlices("admin.$1").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule appPackagesAreFreeOfCycles =
            slices().matching("dev.atrium.app.(*)..").namingSlices("app.$1").should().beFreeOfCycles();

    /** Finer than the capabilities: also between a capability and its ui. jOOQ's generated classes refer to each other. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.atrium.(**)").namingSlices("$1")
            .should().beFreeOfCycles()
            .ignoreDependency(JavaClass.Predicates.resideInAPackage(GENERATED), DescribedPredicate.alwaysTrue());

    @ArchTest
    static final ArchRule permissionCheckDependsOnlyOnTenancy = noClasses()
            .that().resideInAPackage("dev.atrium.admin.access..")
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.atrium..").and(JavaClass.Predicates
                    .resideOutsideOfPackages("dev.atrium.admin.access..", "dev.atrium.admin.tenancy..",
                            "dev.atrium.admin.refusal..", "dev.atrium.db..")));

    /** Every package's refusals extend its base type, so that package depends on nothing else of Atrium. */
    @ArchTest
    static final ArchRule refusalsDependOnNothingElse = noClasses()
            .that().resideInAPackage("dev.atrium.admin.refusal..")
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.atrium..")
                    .and(JavaClass.Predicates.resideOutsideOfPackage("dev.atrium.admin.refusal..")));

    /** Every capability reads its settings from the config package, so it must not depend on any of them. */
    @ArchTest
    static final ArchRule settingsDependOnNoCapability = noClasses()
            .that().resideInAPackage("dev.atrium.admin.config..")
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.atrium..")
                    .and(JavaClass.Predicates.resideOutsideOfPackage("dev.atrium.admin.config..")));

    @ArchTest
    static final ArchRule generatedJooqTypesOnlyInRepositoriesAndTenancy = noClasses()
            .that().resideOutsideOfPackages("dev.atrium.db..", GENERATED, "dev.atrium.admin.tenancy..")
            .and(DescribedPredicate.not(REPOSITORIES))
            .should().dependOnClassesThat().resideInAPackage(GENERATED);

    /** The library's UI packages: each capability's ui, the workspace shell with its pages, and the sign-in glue. */
    private static final String[] UI_PACKAGES = {"..ui..", "dev.atrium.admin.shell..", "dev.atrium.admin.security.."};

    @ArchTest
    static final ArchRule domainDoesNotUseVaadinComponents = noClasses()
            .that().resideInAPackage("dev.atrium.admin..").and().resideOutsideOfPackages(UI_PACKAGES)
            .should().dependOnClassesThat().resideInAPackage("com.vaadin.flow.component..");

    /**
     * The system's and an invitee's scopes are made only for the services that do that work: no view and nothing in
     * the app (which serves requests) asks the binder for one.
     */
    @ArchTest
    static final ArchRule requestsNeverObtainSystemOrInviteeScopes = noClasses()
            .that().resideInAnyPackage("..ui..", "dev.atrium.admin.shell..", "dev.atrium.admin.security..",
                    "dev.atrium.admin.web..", "dev.atrium.app..")
            .should().callMethodWhere(DescribedPredicate.describe("TenantBinder.bindSystem, systemScopes, forEachServed, bindInvitee, bindOnBehalf or bindApiKey",
                    call -> call.getTargetOwner().isEquivalentTo(TenantBinder.class)
                            && Set.of("bindSystem", "systemScopes", "forEachServed", "bindInvitee", "bindOnBehalf", "bindApiKey").contains(call.getName())));

    /** An invitee scope reaches only what accepting an invitation or using a join link needs; no member operation takes one. */
    @ArchTest
    static final ArchRule inviteeScopesStayOnTheInvitationPath = noClasses()
            .that().resideOutsideOfPackages("dev.atrium.admin.tenancy", "dev.atrium.admin.invitation", "dev.atrium.admin.joinlink", "dev.atrium.admin.audit",
                    "dev.atrium.admin.access")
            .and(DescribedPredicate.not(JavaClass.Predicates.type(Memberships.class)))
            .should().dependOnClassesThat().areAssignableTo(InviteeScope.class);

    /** Each package says in its package-info.java what it is for, and that nothing in it is null unless marked so. */
    @ArchTest
    static final ArchRule everyPackageIsNullMarked = classes()
            .that().resideOutsideOfPackage(GENERATED)
            .should(new ArchCondition<>("reside in a package annotated @NullMarked") {
                @Override
                public void check(JavaClass item, ConditionEvents events) {
                    if (!item.getPackage().isAnnotatedWith(NullMarked.class)) {
                        events.add(SimpleConditionEvent.violated(item,
                                item.getPackageName() + " has no package-info.java annotated @NullMarked"));
                    }
                }
            });
}
