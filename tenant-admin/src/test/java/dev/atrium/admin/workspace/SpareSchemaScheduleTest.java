package dev.atrium.admin.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.jobs.ClusterJob;
import dev.atrium.admin.tenancy.TenantProvisioner;

/** The pool's refill job: on its interval and soon after each start while the pool is on, never while it is off. */
@SpringBootTest
class SpareSchemaScheduleTest {

    @Autowired TenantProvisioner provisioner;

    @Test
    void theRefillRunsOnItsIntervalAndAtStartWhileThePoolIsOn() {
        ClusterJob on = job(Map.of("atrium.tenants.spare-schemas", "3"));

        assertThat(on.name()).isEqualTo(SpareSchemaSchedule.JOB);
        assertThat(on.schedule().isDisabled()).isFalse();
        assertThat(on.dueAtStart()).isTrue();
    }

    @Test
    void theRefillNeverRunsWhileThePoolIsOff() {
        ClusterJob off = job(Map.of("atrium.tenants.spare-schemas", "0"));

        assertThat(off.schedule().isDisabled()).isTrue();
        assertThat(off.dueAtStart()).isFalse();
    }

    private ClusterJob job(Map<String, String> properties) {
        AtriumProperties bound = new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("atrium", AtriumProperties.class);
        return new SpareSchemaSchedule().spareSchemaRefillJob(provisioner, bound);
    }
}
