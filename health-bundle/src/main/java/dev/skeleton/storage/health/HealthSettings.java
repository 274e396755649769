package dev.skeleton.storage.health;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The Metatype description of the health checks' configuration, PID {@value Settings#PID}: what a
 * configuration tool shows and checks. The components read the properties themselves (see
 * {@link Settings}), so that a bad value is named and replaced by its default instead of being
 * coerced silently.
 */
@ObjectClassDefinition(name = "Skeleton Storage health checks",
        description = "Limits of the storage health checks (tag storage, hc:exec storage). A bad value is logged "
                + "in one WARNING line and its default used. Changes apply to the next run of the checks.")
public @interface HealthSettings {

    /**
     * The free space floor of the stores' file system.
     *
     * @return bytes; 0 turns the disk check's limits off
     */
    @AttributeDefinition(name = "Disk floor (bytes)", type = AttributeType.LONG, min = "0",
            description = "Free space of the file system holding the stores below which the disk check is "
                    + "CRITICAL; below twice this it is WARN. 0 turns the limits off. Default 536870912 (512 MiB).")
    long disk_floor_bytes() default Settings.DEFAULT_DISK_FLOOR_BYTES;

    /**
     * The limit of the file engine's recent log force time.
     *
     * @return milliseconds, above 0
     */
    @AttributeDefinition(name = "Log force limit (ms)", type = AttributeType.DOUBLE, min = "0",
            description = "A store whose recent log forces (fsync_micros_recent, a moving average) take longer "
                    + "than this is WARN. Default 50.")
    double fsync_limit_millis() default Settings.DEFAULT_FSYNC_LIMIT_MILLIS;

    /**
     * The limit of the file engine's checkpoint age.
     *
     * @return seconds, at least 1
     */
    @AttributeDefinition(name = "Checkpoint age limit (s)", type = AttributeType.LONG, min = "1",
            description = "A store written since its last checkpoint, which is older than this, is WARN "
                    + "(checkpoint_age_millis). Default 900 (15 minutes).")
    long checkpoint_age_limit_seconds() default Settings.DEFAULT_CHECKPOINT_AGE_LIMIT_SECONDS;
}
